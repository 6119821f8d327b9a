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
        Properties config = credentials.clientSecurity(KafkaCredentials.ADMIN);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(config)) {
            List<UserScramCredentialAlteration> users = new ArrayList<>();
            for (KafkaPrincipal principal : KafkaPrincipal.ALL) {
                users.add(new UserScramCredentialUpsertion(principal.name(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, SCRAM_ITERATIONS), credentials.password(principal.name())));
            }
            admin.alterUserScramCredentials(users).all().get(60, TimeUnit.SECONDS);
            admin.createAcls(bindings()).all().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not create the Kafka principals and ACLs on " + bootstrapServers, e);
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
