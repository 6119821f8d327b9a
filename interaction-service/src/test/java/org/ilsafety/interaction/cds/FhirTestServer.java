package org.ilsafety.interaction.cds;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Resource;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.FifoMemoryPagingProvider;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;

/**
 * A real FHIR R4 server for the CDS Hooks fetch tests: HAPI FHIR's {@link RestfulServer} with in-memory
 * MedicationStatement, Immunization, Condition and AllergyIntolerance providers (search by {@code patient}, MedicationStatement also by
 * {@code status}), paged {@value #PAGE_SIZE} per page through {@code Bundle.link[next]}, in an embedded Jetty on a
 * free loopback port. Every search must carry {@code Authorization: Bearer <the patient's token>} (else 401). A
 * patient may be made to fail (HTTP 500) or stall (no answer until the server stops). {@code /broken} answers 200
 * with a resource that is not a Bundle.
 */
final class FhirTestServer implements AutoCloseable {
    static final int PAGE_SIZE = 2;

    enum Behaviour { ANSWER, FAIL, STALL }

    private final Map<String, List<Resource>> data = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final List<String> searches = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Server jetty;

    FhirTestServer() throws Exception {
        RestfulServer fhir = new RestfulServer(FhirContext.forR4());
        fhir.setResourceProviders(new Statements(), new Immunizations(), new Conditions(), new Allergies());
        FifoMemoryPagingProvider paging = new FifoMemoryPagingProvider(100);
        paging.setDefaultPageSize(PAGE_SIZE);
        paging.setMaximumPageSize(PAGE_SIZE);
        fhir.setPagingProvider(paging);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder holder = new ServletHolder(fhir);
        holder.setInitOrder(0);
        context.addServlet(holder, "/fhir/*");
        context.addServlet(new ServletHolder(new NotABundle()), "/broken/*");
        jetty = new Server(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        jetty.setHandler(context);
        jetty.start();
    }

    /** The FHIR base URL, as an EHR names it in {@code fhirServer}. */
    String base() {
        return "http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort() + "/fhir";
    }

    String brokenBase() {
        return base().replaceFirst("/fhir$", "/broken");
    }

    /** Serves these resources for {@code patient}, to requests with {@code token}. */
    void serve(String patient, String token, Resource... resources) {
        data.put(patient, List.of(resources));
        tokens.put(patient, token);
    }

    void behave(String patient, Behaviour behaviour) {
        behaviours.put(patient, behaviour);
    }

    /** The searches made for {@code patient}, as {@code <type> <patient>}. */
    List<String> searches(String patient) {
        return searches.stream().filter(s -> s.endsWith(" " + patient)).toList();
    }

    /** The Authorization headers the searches carried. */
    List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    private <T extends Resource> List<IBaseResource> search(Class<T> type, ReferenceParam patientParam, HttpServletRequest request) {
        String patient = patientParam.getIdPart();
        searches.add(type.getSimpleName() + " " + patient);
        String authorization = request.getHeader("Authorization");
        authorizations.add(String.valueOf(authorization));
        if (!("Bearer " + tokens.get(patient)).equals(authorization)) {
            throw new AuthenticationException("token not valid for this patient");
        }
        switch (behaviours.getOrDefault(patient, Behaviour.ANSWER)) {
            case FAIL -> throw new InternalErrorException("the test server fails for this patient");
            case STALL -> {
                try {
                    stopping.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            case ANSWER -> {
            }
        }
        return data.getOrDefault(patient, List.of()).stream().filter(type::isInstance).map(IBaseResource.class::cast).toList();
    }

    public final class Statements implements IResourceProvider {
        @Override
        public Class<MedicationStatement> getResourceType() {
            return MedicationStatement.class;
        }

        @Search
        public List<IBaseResource> search(@RequiredParam(name = MedicationStatement.SP_PATIENT) ReferenceParam patient,
                @OptionalParam(name = MedicationStatement.SP_STATUS) TokenParam status, HttpServletRequest request) {
            return FhirTestServer.this.search(MedicationStatement.class, patient, request).stream()
                    .filter(r -> status == null || ((MedicationStatement) r).getStatus().toCode().equals(status.getValue())).toList();
        }
    }

    public final class Immunizations implements IResourceProvider {
        @Override
        public Class<Immunization> getResourceType() {
            return Immunization.class;
        }

        @Search
        public List<IBaseResource> search(@RequiredParam(name = Immunization.SP_PATIENT) ReferenceParam patient, HttpServletRequest request) {
            return FhirTestServer.this.search(Immunization.class, patient, request);
        }
    }

    public final class Conditions implements IResourceProvider {
        @Override
        public Class<Condition> getResourceType() {
            return Condition.class;
        }

        @Search
        public List<IBaseResource> search(@RequiredParam(name = Condition.SP_PATIENT) ReferenceParam patient, HttpServletRequest request) {
            return FhirTestServer.this.search(Condition.class, patient, request);
        }
    }

    public final class Allergies implements IResourceProvider {
        @Override
        public Class<AllergyIntolerance> getResourceType() {
            return AllergyIntolerance.class;
        }

        @Search
        public List<IBaseResource> search(@RequiredParam(name = AllergyIntolerance.SP_PATIENT) ReferenceParam patient, HttpServletRequest request) {
            return FhirTestServer.this.search(AllergyIntolerance.class, patient, request);
        }
    }

    private static final class NotABundle extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setStatus(200);
            response.setContentType("application/fhir+json");
            response.getWriter().write("{\"resourceType\":\"Patient\",\"id\":\"not-a-bundle\"}");
        }
    }

    @Override
    public void close() throws Exception {
        stopping.countDown();
        jetty.stop();
    }
}
