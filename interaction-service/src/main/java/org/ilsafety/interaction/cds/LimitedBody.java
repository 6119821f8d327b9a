package org.ilsafety.interaction.cds;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** A FHIR server's answer read with a size limit per page, for {@link FhirFetcher}. */
final class LimitedBody {
    private LimitedBody() {
    }

    /** The body as bytes, or {@link FetchFailed} once it passes {@code max} bytes (the rest is not read). */
    static HttpResponse.BodySubscriber<byte[]> of(long max) {
        return new HttpResponse.BodySubscriber<>() {
            private final CompletableFuture<byte[]> body = new CompletableFuture<>();
            private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            private Flow.Subscription subscription;

            @Override
            public CompletionStage<byte[]> getBody() {
                return body;
            }

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                this.subscription = subscription;
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(List<ByteBuffer> items) {
                for (ByteBuffer item : items) {
                    if (body.isDone()) {
                        return;
                    }
                    if (bytes.size() + (long) item.remaining() > max) {
                        subscription.cancel();
                        body.completeExceptionally(new FetchFailed("a page of the FHIR server's answer is larger than " + max + " bytes"));
                        return;
                    }
                    byte[] chunk = new byte[item.remaining()];
                    item.get(chunk);
                    bytes.write(chunk, 0, chunk.length);
                }
            }

            @Override
            public void onError(Throwable error) {
                body.completeExceptionally(error);
            }

            @Override
            public void onComplete() {
                body.complete(bytes.toByteArray());
            }
        };
    }

    /** A fetch that failed for a reason safe to show and log. */
    static final class FetchFailed extends RuntimeException {
        FetchFailed(String reason) {
            super(reason, null, false, false);
        }
    }
}
