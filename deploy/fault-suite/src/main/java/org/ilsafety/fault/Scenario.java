package org.ilsafety.fault;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.ilsafety.common.events.Topics;
import org.ilsafety.stack.KafkaCluster;
import org.ilsafety.stack.LocalStack;
import org.ilsafety.stack.ServiceProcess;
import org.ilsafety.stack.SuiteService;

/** One fault, injected while (or after) a scenario's events are sent. */
enum Scenario {
    NO_FAULT("no fault: the end-to-end rate of the stack's shape"),
    KILL_DOSING("kill -9 dosing-service mid-stream, restart"),
    KILL_MONITORING("kill -9 monitoring-service mid-stream, restart"),
    KILL_INTERACTION("kill -9 interaction-service mid-stream, restart"),
    BROKER_RESTART("Kafka broker stopped mid-stream, restarted after 5 s"),
    DATABASE_RESTART("PostgreSQL stopped mid-stream, restarted after 5 s"),
    BROKER_CRASH("kill -9 of the Kafka broker mid-stream, restarted after 5 s"),
    DATABASE_CRASH("kill -9 of PostgreSQL (postmaster and backends) mid-stream, crash recovery on restart after 5 s"),
    POISON("1 % poison records in the stream"),
    DUPLICATE_SEND("every event sent twice"),
    OFFSET_RESET("all consumer groups reset to the beginning, services restarted"),
    REPLICA_JOIN("the second replica of every service starts mid-stream (rebalance)"),
    REPLICA_KILL("kill -9 of the second replica of every service mid-stream; the first takes its partitions; restarted after 5 s"),
    ROLLING_RESTART("every replica of every service stopped and started one after another mid-stream, as a deployment does"),
    BROKER_KILL_IN_CLUSTER("kill -9 of the broker leading patient-events partition 0 mid-stream (acks=all), restarted after 5 s"),
    OUTBOX_LEADER_KILL("kill -9 of the monitoring-service replica holding the outbox relay's lock mid-stream, restarted after 5 s"),
    PARTITION_RAISE("half the stream, senders paused until all is consumed, every topic raised to 8 partitions, a rolling restart, "
            + "the second half (README: raising partitions); run it last: later scenarios see 8 partitions");

    /** The partitions {@link #PARTITION_RAISE} raises every topic to. */
    static final int RAISED_PARTITIONS = 8;

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
        return !afterStream() && !betweenHalves() && this != POISON && this != DUPLICATE_SEND && this != NO_FAULT;
    }

    /** Whether the fault strikes once every event was consumed (the offset reset replays them all). */
    boolean afterStream() {
        return this == OFFSET_RESET;
    }

    /** Whether the fault strikes between the two halves of the stream, once the first half is consumed. */
    boolean betweenHalves() {
        return this == PARTITION_RAISE;
    }

    /** Why this scenario cannot run on a stack of {@code brokers} brokers and {@code replicas} replicas per service, if it cannot. */
    Optional<String> unfitFor(int brokers, int replicas) {
        return switch (this) {
            case REPLICA_JOIN, REPLICA_KILL, OUTBOX_LEADER_KILL -> replicas < 2 ? Optional.of("needs --replicas 2 or more") : Optional.empty();
            case BROKER_KILL_IN_CLUSTER -> brokers < 3 ? Optional.of("needs --brokers 3") : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** Sets the stack up before the events are sent: a joining replica is not running yet. */
    void prepare(LocalStack stack) {
        if (this == REPLICA_JOIN) {
            secondReplicas(stack).forEach(stack::stop);
        }
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
                stack.services().forEach(s -> stack.stop(s.replicaName()));
                probe.resetOffsetsToBeginning();
                stack.services().forEach(s -> stack.restart(s.replicaName()));
            }
            case REPLICA_JOIN -> secondReplicas(stack).parallelStream().forEach(stack::restart);
            case REPLICA_KILL -> {
                List<String> second = secondReplicas(stack);
                second.forEach(stack::kill);
                Thread.sleep(DOWNTIME.toMillis());
                second.parallelStream().forEach(stack::restart);
            }
            case ROLLING_RESTART -> rollingRestart(stack);
            case BROKER_KILL_IN_CLUSTER -> {
                KafkaCluster cluster = stack.infrastructure().embeddedKafka().orElseThrow();
                int leader = cluster.leaderOf(Topics.PATIENT_EVENTS, 0);
                System.out.println("   killing broker " + leader + " (leader of " + Topics.PATIENT_EVENTS + "-0)");
                cluster.crash(leader, DOWNTIME);
            }
            case PARTITION_RAISE -> {
                probe.raisePartitions(RAISED_PARTITIONS);
                rollingRestart(stack); // the consumers take the new partitions at once, not at their next metadata refresh
            }
            case OUTBOX_LEADER_KILL -> {
                String holder = relayHolder(probe);
                System.out.println("   killing " + holder + " (holds the outbox relay's lock)");
                killAndRestart(stack, holder);
            }
            default -> {
                return Duration.ZERO;
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Every replica of the three services stopped and started one after another, as a deployment does. */
    private static void rollingRestart(LocalStack stack) {
        stack.services().stream().filter(s -> SuiteService.ALL.contains(s.service())).map(ServiceProcess::replicaName).toList()
                .forEach(stack::restart);
    }

    private static List<String> secondReplicas(LocalStack stack) {
        return stack.services().stream().filter(s -> s.replica() == 2).map(ServiceProcess::replicaName).toList();
    }

    /** The monitoring-service replica seen holding the relay's advisory lock; the relay takes it for each batch it sends. */
    private static String relayHolder(SuiteProbe probe) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            Optional<String> holder = probe.advisoryLockHolder("monitoring-service");
            if (holder.isPresent()) {
                return holder.get();
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("No monitoring-service replica was seen relaying its outbox within 30 s");
    }

    private static void killAndRestart(LocalStack stack, String replica) throws InterruptedException {
        stack.kill(replica);
        Thread.sleep(DOWNTIME.toMillis());
        stack.restart(replica);
    }
}
