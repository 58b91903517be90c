package io.tollgate.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a rules folder (and its subfolders) with the JDK's WatchService and reloads the rule set
 * once the files have been quiet for a moment, so that an editor's several writes of one save make
 * one reload. A refused set is logged with its problems and the last good one keeps deciding.
 * Thread-safe: it runs on its own daemon thread until {@link #close()}.
 */
public final class RuleWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RuleWatcher.class);

    private final WatchService watcher;
    private final Thread thread;

    /**
     * Starts watching.
     *
     * @param runtime the rule runtime to reload
     * @param folder the rules folder
     * @param quiet how long the folder must be quiet before a reload
     */
    public RuleWatcher(RuleRuntime runtime, Path folder, Duration quiet) {
        try {
            this.watcher = FileSystems.getDefault().newWatchService();
            register(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch rules folder " + folder, e);
        }
        this.thread = new Thread(() -> run(runtime, folder, quiet), "tollgate-rule-watcher");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void register(Path folder) throws IOException {
        try (Stream<Path> folders = Files.walk(folder)) {
            for (Path path : folders.filter(Files::isDirectory).toList()) {
                path.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            }
        }
    }

    private void run(RuleRuntime runtime, Path folder, Duration quiet) {
        try {
            while (true) {
                WatchKey key = watcher.take();
                drain(key);
                // Debounce: wait until nothing has changed for the quiet period.
                for (WatchKey more = watcher.poll(quiet.toMillis(), TimeUnit.MILLISECONDS); more != null;
                        more = watcher.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) {
                    drain(more);
                }
                register(folder); // new subfolders
                reload(runtime, folder);
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warn("stopped watching rules folder {}: {}", folder, e.getMessage());
        }
    }

    /** Reloads; whatever a reload throws is logged and the watcher keeps watching for the next save. */
    private static void reload(RuleRuntime runtime, Path folder) {
        try {
            ReloadReport report = runtime.reload();
            if (report.accepted()) {
                LOG.info("rules reloaded from {}: version {} (added {}, removed {}, changed {})", folder,
                        report.version(), report.added(), report.removed(), report.changed());
            }
        } catch (VirtualMachineError e) {
            LOG.error("reloading rules from {} failed; the last good rule set keeps serving: {}", folder, e.toString());
        } catch (RuntimeException | Error e) {
            LOG.warn("reloading rules from {} failed; the last good rule set keeps serving: {}", folder, e.toString());
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    /** Stops watching. */
    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            LOG.debug("closing the rules watcher: {}", e.getMessage());
        }
        thread.interrupt();
    }
}
