package org.ilsafety.stack;

/**
 * A service's own schema in the shared database, owned by the service's own login role: no service
 * reads another's tables. Flyway in each service creates the tables inside the schema.
 */
public record ServiceDatabase(String service, String schema, String user, String password) {

    public static ServiceDatabase forService(String service) {
        String schema = service.replace("-service", "").replace('-', '_');
        return new ServiceDatabase(service, schema, schema, schema + "-local");
    }
}
