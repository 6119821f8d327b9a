package org.ilsafety.stack;

/**
 * A service's own schema in the shared database. Two roles per service: the owner role ({@code <schema>_owner})
 * owns the schema and every table in it and runs the service's Flyway migrations; the service's login role
 * ({@code <schema>}) only reads and writes rows, and of the audit trail it may only INSERT and SELECT. No
 * service reads another's tables.
 */
public record ServiceDatabase(String service, String schema, String user, String owner) {

    public static ServiceDatabase forService(String service) {
        String schema = service.replace("-service", "").replace('-', '_');
        return new ServiceDatabase(service, schema, schema, schema + "_owner");
    }
}
