package org.ilsafety.interaction.cds;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.ilsafety.common.fhir.Fhir;
import org.ilsafety.interaction.cds.client.CdsHooksSettings;
import org.jboss.logging.Logger;

/**
 * Fetches the prefetch data an EHR did not send from its FHIR server, with the query the discovery document names
 * for the key and the EHR's access token ({@code Authorization: Bearer}). Keys are fetched in parallel; each
 * follows {@code Bundle.link[next]} (under the same base only) up to {@code max-pages}. Bounded: connect timeout,
 * a read timeout per page (headers and body), a size limit per page, a deadline for the whole call; redirects are
 * not followed. Each page is read by {@link BundleReader}, as a prefetched Bundle is.
 * <p>
 * A key whose fetch fails keeps the pages read before the failure and a reason that names no patient, quotes
 * no response and no token. The log line names the hook instance, the server's host, and per key the resource
 * types and counts.
 */
@ApplicationScoped
public class FhirFetcher {
    private static final Logger LOG = Logger.getLogger(FhirFetcher.class);

    private final CdsHooksSettings.FhirFetch settings;
    private final Fhir fhir;
    private final HttpClient http;

    public FhirFetcher(CdsHooksSettings settings, Fhir fhir) {
        this.settings = settings.fhirFetch();
        this.fhir = fhir;
        this.http = HttpClient.newBuilder().connectTimeout(this.settings.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** What one key's fetch gave: the resources read (all pages up to a failure), and the failure's reason, if any. */
    record Fetched(String key, List<Resource> resources, int pages, String failure) {
        boolean failed() {
            return failure != null;
        }
    }

    /** Fetches each query ({@code key -> query relative to the base}) within the deadline; the result is in the queries' order. */
    List<Fetched> fetch(FhirServerAccess access, Map<String, String> queries, String hookInstance) {
        long started = System.nanoTime();
        long deadline = started + settings.deadline().toNanos();
        Map<String, Progress> progress = new LinkedHashMap<>();
        Map<String, CompletableFuture<Void>> running = new LinkedHashMap<>();
        for (Map.Entry<String, String> query : queries.entrySet()) {
            Progress p = new Progress();
            progress.put(query.getKey(), p);
            running.put(query.getKey(), page(access, access.query(query.getValue()), p));
        }
        List<Fetched> fetched = new ArrayList<>();
        for (Map.Entry<String, CompletableFuture<Void>> key : running.entrySet()) {
            Progress p = progress.get(key.getKey());
            String failure = null;
            try {
                key.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                key.getValue().cancel(true);
                failure = "the FHIR server did not answer everything within " + seconds(settings.deadline());
            } catch (ExecutionException e) {
                failure = reason(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = "the fetch was interrupted";
            }
            fetched.add(new Fetched(key.getKey(), p.resources(), p.pages.get(), failure));
        }
        audit(access, hookInstance, fetched, Duration.ofNanos(System.nanoTime() - started));
        return fetched;
    }

    private CompletableFuture<Void> page(FhirServerAccess access, URI uri, Progress progress) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.readTimeout()).header("Accept", "application/fhir+json")
                .header("Authorization", "Bearer " + access.accessToken()).GET().build();
        return http.sendAsync(request, info -> LimitedBody.of(settings.maxPageBytes()))
                .orTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .thenCompose(response -> {
                    if (response.statusCode() != 200) {
                        throw new LimitedBody.FetchFailed("the FHIR server answered HTTP " + response.statusCode());
                    }
                    Bundle bundle;
                    try {
                        bundle = BundleReader.bundle(new String(response.body(), StandardCharsets.UTF_8), fhir);
                    } catch (BundleReader.Unreadable e) {
                        throw new LimitedBody.FetchFailed("".equals(e.where()) ? "the FHIR server's answer is not a FHIR R4 Bundle"
                                : "the FHIR server's Bundle cannot be read: " + e.where().substring(1) + " " + e.getMessage());
                    }
                    progress.add(BundleReader.resources(bundle));
                    Bundle.BundleLinkComponent next = bundle.getLink(Bundle.LINK_NEXT);
                    if (next == null || !next.hasUrl()) {
                        return CompletableFuture.completedFuture(null);
                    }
                    if (progress.pages.get() >= settings.maxPages()) {
                        throw new LimitedBody.FetchFailed("the answer has more than " + settings.maxPages() + " pages");
                    }
                    URI nextUri;
                    try {
                        nextUri = uri.resolve(next.getUrl());
                    } catch (IllegalArgumentException e) {
                        throw new LimitedBody.FetchFailed("the FHIR server's next link is not a URL");
                    }
                    if (!access.contains(nextUri)) {
                        throw new LimitedBody.FetchFailed("the FHIR server's next link leaves fhirServer; the access token is not sent there");
                    }
                    return page(access, nextUri, progress);
                });
    }

    /** A reason that names no patient (an exception's message may quote the URL, so none is used). */
    private String reason(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof LimitedBody.FetchFailed failed) {
                return failed.getMessage();
            }
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return "the FHIR server could not be reached within " + seconds(settings.connectTimeout());
        }
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return "the FHIR server did not answer within " + seconds(settings.readTimeout());
        }
        if (cause instanceof ConnectException) {
            return "the FHIR server could not be reached (connection refused or no route)";
        }
        if (cause instanceof IOException) {
            return "the connection to the FHIR server failed (" + cause.getClass().getSimpleName() + ")";
        }
        LOG.warnf("CDS Hooks fetch failed unexpectedly: %s", cause.getClass().getName());
        return "the fetch failed (" + cause.getClass().getSimpleName() + ")";
    }

    private static void audit(FhirServerAccess access, String hookInstance, List<Fetched> fetched, Duration took) {
        List<String> parts = new ArrayList<>();
        for (Fetched f : fetched) {
            Map<String, Integer> types = new TreeMap<>();
            f.resources().forEach(r -> types.merge(r.fhirType(), 1, Integer::sum));
            parts.add(f.key() + ": " + types + " in " + f.pages() + " page(s)" + (f.failed() ? ", FAILED: " + f.failure() : ""));
        }
        LOG.infof("CDS Hooks %s: fetched from the EHR's FHIR server %s in %d ms: %s", hookInstance, access.base().getHost(), took.toMillis(),
                String.join("; ", parts));
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** One key's pages so far (pages complete on the HTTP client's threads). */
    private static final class Progress {
        private final List<Resource> resources = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger pages = new AtomicInteger();

        void add(List<Resource> page) {
            resources.addAll(page);
            pages.incrementAndGet();
        }

        List<Resource> resources() {
            synchronized (resources) {
                return List.copyOf(resources);
            }
        }
    }
}
