package org.ilsafety.stack;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses the run command's options into {@link StackOptions}; unknown options are refused. */
final class LauncherArguments {
    static final String USAGE = """
            Usage: ./run-suite.sh [--demo] [--data-dir DIR] [--postgres-port N] [--kafka-port N]
                                  [--kafka-controller-port N] [--dosing-port N] [--monitoring-port N] [--interaction-port N]
                                  [--hl7-gateway-port N] [--mllp-port N] [--console-port N] [--brokers N] [--replicas N]
              --demo      publish the demo patients of seeds/demo/ to patient-events once the suite is up
              --mllp-port the HL7 v2 gateway's MLLP port (default 2575; --hl7-gateway-port is its HTTP port)
              --console-port  the web console's port (default 8080)
              --data-dir  where PostgreSQL data, Kafka logs and service logs are kept (default .suite-data/)
              --brokers   embedded Kafka brokers (default 1; 3 gives replication factor 3, min.insync.replicas 2)
              --replicas  processes of each of the three services, one consumer group per service (default 1)
            Existing infrastructure instead of the embedded one: set KAFKA_BOOTSTRAP_SERVERS and/or
            QUARKUS_DATASOURCE_JDBC_URL, QUARKUS_DATASOURCE_USERNAME, QUARKUS_DATASOURCE_PASSWORD.""";

    private LauncherArguments() {
    }

    static StackOptions parse(List<String> arguments, Path home, Map<String, String> environment) {
        StackOptions defaults = StackOptions.defaults(home, environment);
        Path dataDirectory = defaults.dataDirectory();
        boolean demo = false;
        int postgresPort = defaults.postgresPort();
        int kafkaPort = defaults.kafkaPort();
        int controllerPort = defaults.kafkaControllerPort();
        Map<String, Integer> servicePorts = new LinkedHashMap<>(defaults.servicePorts());
        int mllpPort = defaults.mllpPort();
        int brokers = 1;
        int replicas = 1;
        for (int i = 0; i < arguments.size(); i++) {
            String option = arguments.get(i);
            switch (option) {
                case "--demo" -> demo = true;
                case "--data-dir" -> dataDirectory = Path.of(value(arguments, ++i, option)).toAbsolutePath();
                case "--postgres-port" -> postgresPort = port(arguments, ++i, option);
                case "--kafka-port" -> kafkaPort = port(arguments, ++i, option);
                case "--kafka-controller-port" -> controllerPort = port(arguments, ++i, option);
                case "--dosing-port" -> servicePorts.put("dosing-service", port(arguments, ++i, option));
                case "--monitoring-port" -> servicePorts.put("monitoring-service", port(arguments, ++i, option));
                case "--interaction-port" -> servicePorts.put("interaction-service", port(arguments, ++i, option));
                case "--hl7-gateway-port" -> servicePorts.put(SuiteService.HL7_GATEWAY.name(), port(arguments, ++i, option));
                case "--mllp-port" -> mllpPort = port(arguments, ++i, option);
                case "--console-port" -> servicePorts.put(ConsoleProcess.NAME, port(arguments, ++i, option));
                case "--brokers" -> brokers = count(arguments, ++i, option, 9);
                case "--replicas" -> replicas = count(arguments, ++i, option, 4);
                default -> throw new IllegalArgumentException("Unknown option " + option);
            }
        }
        return new StackOptions(home, dataDirectory, true, postgresPort, kafkaPort, controllerPort, servicePorts, mllpPort, demo,
                defaults.externalKafka(), defaults.externalDatabase(), brokers, replicas);
    }

    private static String value(List<String> arguments, int index, String option) {
        if (index >= arguments.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return arguments.get(index);
    }

    private static int count(List<String> arguments, int index, String option, int most) {
        String text = value(arguments, index, option);
        try {
            int count = Integer.parseInt(text);
            if (count < 1 || count > most) {
                throw new IllegalArgumentException(option + " must be from 1 to " + most);
            }
            return count;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number", e);
        }
    }

    private static int port(List<String> arguments, int index, String option) {
        String text = value(arguments, index, option);
        try {
            int port = Integer.parseInt(text);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(option + " must be a port from 1 to 65535");
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a port number", e);
        }
    }
}
