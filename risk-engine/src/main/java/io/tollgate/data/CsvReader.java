package io.tollgate.data;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a UTF-8 CSV file with a header row (RFC 4180: quoted fields may hold commas, quotes and
 * line breaks), one record at a time, keyed by column name; column order is free and unknown
 * columns are ignored. Not thread-safe.
 */
public final class CsvReader implements Closeable {
    private final Path file;
    private final BufferedReader reader;
    private final List<String> header;
    private int line;
    private int recordLine;

    /**
     * Opens a file and reads its header.
     *
     * @param file the CSV file
     * @param requiredColumns columns that must be in the header
     * @throws UnableToImportException when the file cannot be read, is empty, or lacks a required column
     */
    public CsvReader(Path file, Set<String> requiredColumns) {
        this.file = file;
        try {
            this.reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UnableToImportException(file + ": cannot read: " + e.getMessage(), e);
        }
        List<String> names = nextRecord();
        if (names == null) {
            closeQuietly();
            throw new UnableToImportException(file + ":1: empty file, expected a header row");
        }
        if (!names.isEmpty() && names.get(0).startsWith("\uFEFF")) {
            names.set(0, names.get(0).substring(1));
        }
        this.header = names.stream().map(String::strip).toList();
        for (String column : requiredColumns) {
            if (!header.contains(column)) {
                closeQuietly();
                throw new UnableToImportException(file + ":1: missing column '" + column + "'");
            }
        }
    }

    /** @return the next record keyed by column name, or {@code null} at the end of the file */
    public Map<String, String> next() {
        List<String> values;
        do {
            values = nextRecord();
            if (values == null) {
                return null;
            }
        } while (values.size() == 1 && values.get(0).isEmpty()); // blank line
        if (values.size() != header.size()) {
            throw new UnableToImportException(file + ":" + recordLine + ": expected " + header.size()
                    + " fields as in the header, found " + values.size());
        }
        Map<String, String> record = new HashMap<>(header.size() * 2);
        for (int i = 0; i < header.size(); i++) {
            record.put(header.get(i), values.get(i));
        }
        return record;
    }

    /** @return the line the last record returned by {@link #next()} starts on */
    public int line() {
        return recordLine;
    }

    /** @return the file being read */
    public Path file() {
        return file;
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private List<String> nextRecord() {
        try {
            String text = reader.readLine();
            if (text == null) {
                return null;
            }
            line++;
            recordLine = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            int i = 0;
            while (true) {
                if (i == text.length()) {
                    if (!quoted) {
                        break;
                    }
                    String more = reader.readLine(); // a line break inside quotes
                    if (more == null) {
                        throw new UnableToImportException(file + ":" + recordLine + ": unterminated quoted field");
                    }
                    line++;
                    field.append('\n');
                    text = more;
                    i = 0;
                    continue;
                }
                char c = text.charAt(i++);
                if (quoted) {
                    if (c == '"' && i < text.length() && text.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"' && field.length() == 0) {
                    quoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else {
                    field.append(c);
                }
            }
            fields.add(field.toString());
            return fields;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read", e);
        }
    }

    private void closeQuietly() {
        try {
            reader.close();
        } catch (IOException ignored) {
            // nothing was written; a failed close of a reader loses nothing
        }
    }
}
