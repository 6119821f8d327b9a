package org.ilsafety.console;

import java.net.URI;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

/** What every page shares: a redirect to sign-in when nobody is signed in, and a page for a service's refusal. */
public class Pages {
    @Inject
    CurrentUser currentUser;

    @Inject
    @Location("error.html")
    Template error;

    @ServerExceptionMapper
    public Response signIn(CurrentUser.SignInRequired required) {
        return Response.seeOther(URI.create("/sign-in")).build();
    }

    @ServerExceptionMapper
    public Response serviceError(SuiteApi.ServiceError failure) {
        int status = failure.status == 403 || failure.status == 404 || failure.status == 400 ? failure.status : 502;
        String explanation = switch (failure.status) {
            case 403 -> "Your role may not see this. The service refused it and recorded the attempt.";
            case 404 -> "The service has nothing under this name.";
            case 401 -> "Your sign-in has expired or was not accepted; sign in again.";
            default -> "The service did not give an answer the console can show.";
        };
        return Response.status(status).type("text/html;charset=UTF-8")
                .entity(error.data("user", currentUser.find().orElse(null)).data("page", "").data("title", "Not available")
                        .data("message", failure.getMessage()).data("explanation", explanation).render())
                .build();
    }
}
