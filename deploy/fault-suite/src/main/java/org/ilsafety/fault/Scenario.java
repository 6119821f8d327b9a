package org.ilsafety.fault;

import java.time.Duration;

import org.ilsafety.stack.LocalStack;

/** One fault, injected while (or after) a scenario's events are sent. */
enum Scenario {
    KILL_DOSING("kill -9 dosing-service mid-stream, restart"),
    KILL_MONITORING("kill -9 monitoring-service mid-stream, restart"),
    KILL_INTERACTION("kill -9 interaction-service mid-stream, restart"),
    BROKER_RESTART("Kafka broker stopped mid-stream, restarted after 5 s"),
    DATABASE_RESTART("PostgreSQL stopped mid-stream, restarted after 5 s"),
    BROKER_CRASH("kill -9 of the Kafka broker mid-stream, restarted after 5 s"),
    DATABASE_CRASH("kill -9 of PostgreSQL (postmaster and backends) mid-stream, crash recovery on restart after 5 s"),
    POISON("1 % poison records in the stream"),
    DUPLICATE_SEND("every event sent twice"),
    OFFSET_RESET("all consumer groups reset to the beginning, services restarted");

    static final Duration DOWNTIME = Duration.ofSeconds(5);

    final String description;

    Scenario(String description) {
        this.description = description;
    }

    double poisonRate() {
        return this == POISON ? 0.01 : 0;
    }

    /** Whether the fault strikes while events are being sent. */
    boolean midStream() {
        return !afterStream() && this != POISON && this != DUPLICATE_SEND;
    }

    /** Whether the fault strikes once every event was consumed (the offset reset replays them all). */
    boolean afterStream() {
        return this == OFFSET_RESET;
    }

    /** Injects the fault and returns how long until the failed part was back. */
    Duration inject(LocalStack stack, SuiteProbe probe) throws Exception {
        long start = System.nanoTime();
        switch (this) {
            case KILL_DOSING -> killAndRestart(stack, "dosing-service");
            case KILL_MONITORING -> killAndRestart(stack, "monitoring-service");
            case KILL_INTERACTION -> killAndRestart(stack, "interaction-service");
            case BROKER_RESTART -> stack.infrastructure().restartKafka(DOWNTIME);
            case DATABASE_RESTART -> stack.infrastructure().restartDatabase(DOWNTIME);
            case BROKER_CRASH -> stack.infrastructure().crashKafka(DOWNTIME);
            case DATABASE_CRASH -> stack.infrastructure().crashDatabase(DOWNTIME);
            case OFFSET_RESET -> {
                stack.services().forEach(s -> stack.stop(s.service().name()));
                probe.resetOffsetsToBeginning();
                stack.services().forEach(s -> stack.restart(s.service().name()));
            }
            default -> {
                return Duration.ZERO;
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static void killAndRestart(LocalStack stack, String service) throws InterruptedException {
        stack.kill(service);
        Thread.sleep(DOWNTIME.toMillis());
        stack.restart(service);
    }
}
