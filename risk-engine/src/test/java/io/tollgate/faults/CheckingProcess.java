package io.tollgate.faults;

import io.tollgate.RiskEngine;
import io.tollgate.RiskVerdict;
import io.tollgate.charge.BillingType;
import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.PayMode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A gateway in a process of its own, for {@link KillTest} to kill: checks charges on a few threads
 * until it is killed, and prints every verdict as soon as {@code check} has returned it, as
 * {@code <decision> <request id>}, or {@code CASE <request id>} for a verdict that opened a review case.
 * One charge in ten is over 30 CNY and so a FLAG that opens a case. Run as {@code CheckingProcess <database file> <threads> <id prefix>}.
 */
public final class CheckingProcess {
    private CheckingProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path database = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        String prefix = args[2];
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, "UTF-8");
        RiskEngine engine = RiskEngine.builder().database(database).build();
        out.println("READY");
        out.flush();
        List<Thread> checking = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread checker = new Thread(() -> {
                for (long i = 0; ; i++) {
                    // Every 10 charges a new number, spread over the blocks of 100 (and unlike those of
                    // earlier runs on the same database), so caps and farm rules rarely block.
                    long n = (prefix.hashCode() & 0xFFFFL) * 1_000_000L + thread * 100_000L + i / 10;
                    String msisdn = "139" + String.format("%08d", Math.floorMod(n * 2_654_435_761L, 100_000_000L));
                    boolean flag = i % 10 == 0;
                    ChargeRequest request = ChargeRequest.builder().requestId(prefix + "-" + thread + "-" + i)
                            .msisdn(msisdn).merchantId("M1001").productId("P1001-01")
                            .amountFen(flag ? 5_000 : 500).billingType(BillingType.PER_USE)
                            .chargeKind(ChargeKind.INITIAL).payMode(PayMode.SMS_OTP).otpLatencyMs(8_000L)
                            .deviceId("dev-" + msisdn).build();
                    String line;
                    try {
                        RiskVerdict verdict = engine.check(request);
                        line = (verdict.caseOpened() ? "CASE" : verdict.decision()) + " " + verdict.requestId();
                    } catch (RuntimeException e) { // a full disk: the gateway goes on with the next charge
                        line = "REFUSED " + request.requestId();
                    }
                    synchronized (out) {
                        out.println(line);
                        out.flush();
                    }
                }
            }, "checker-" + t);
            checker.start();
            checking.add(checker);
        }
        for (Thread checker : checking) {
            checker.join();
        }
    }
}
