package org.ilsafety.stack.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Creates (or updates) every {@link KafkaPrincipal}'s SCRAM credentials and ACLs on the suite's broker,
 * as its super user. Idempotent: the run command applies it on every start.
 */
public final class KafkaAccess {
    private static final int SCRAM_ITERATIONS = 8192;

    private KafkaAccess() {
    }

    public static void apply(String bootstrapServers, KafkaCredentials credentials) {
        try (Admin admin = Admin.create(credentials.admin(bootstrapServers))) {
            List<UserScramCredentialAlteration> users = new ArrayList<>();
            for (KafkaPrincipal principal : KafkaPrincipal.ALL) {
                users.add(new UserScramCredentialUpsertion(principal.name(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, SCRAM_ITERATIONS), credentials.password(principal.name())));
            }
            admin.alterUserScramCredentials(users).all().get(60, TimeUnit.SECONDS);
            List<AclBinding> bindings = bindings();
            admin.createAcls(bindings).all().get(60, TimeUnit.SECONDS);
            awaitApplied(admin, bindings.size(), bootstrapServers, credentials);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not create the Kafka principals and ACLs on " + bootstrapServers, e);
        }
    }

    /**
     * The controller has accepted users and ACLs once the calls return; the broker applies them from its
     * metadata a moment later. Waits until it has, so a client started next is not refused.
     */
    private static void awaitApplied(Admin admin, int aclCount, String bootstrapServers, KafkaCredentials credentials)
            throws InterruptedException, ExecutionException, TimeoutException {
        KafkaPrincipal last = KafkaPrincipal.ALL.get(KafkaPrincipal.ALL.size() - 1);
        Properties config = credentials.clientSecurity(last.name());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (admin.describeAcls(org.apache.kafka.common.acl.AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS).size() < aclCount) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("The broker did not apply the ACLs");
            }
            Thread.sleep(100);
        }
        while (true) {
            try (Admin client = Admin.create(config)) {
                client.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    /** Every ALLOW rule: anything not listed is denied (the broker runs with allow.everyone.if.no.acl.found=false). */
    public static List<AclBinding> bindings() {
        List<AclBinding> bindings = new ArrayList<>();
        for (KafkaPrincipal principal : KafkaPrincipal.ALL) {
            for (String topic : principal.writes()) {
                bindings.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.WRITE));
            }
            for (String topic : principal.reads()) {
                bindings.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ));
                bindings.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.DESCRIBE_CONFIGS));
            }
            principal.groupPrefix().ifPresent(prefix -> bindings.add(
                    allow(principal, ResourceType.GROUP, prefix, PatternType.PREFIXED, AclOperation.READ)));
            if (principal.reads().contains(KafkaPrincipal.EVERY_TOPIC)) {
                // operations: look at every consumer group's lag, without joining it
                bindings.add(allow(principal, ResourceType.GROUP, KafkaPrincipal.EVERY_TOPIC, PatternType.LITERAL, AclOperation.DESCRIBE));
            }
        }
        return bindings;
    }

    private static AclBinding allow(KafkaPrincipal principal, ResourceType type, String name, PatternType pattern, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:" + principal.name(), "*", operation, AclPermissionType.ALLOW));
    }
}
