package org.ilsafety.console;

import java.net.URI;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/**
 * Sign-in: the demo roles of the local stack (a session cookie; the token stays on the server), or the
 * hospital's identity provider through the OIDC authorization-code flow ({@code /oidc/sign-in}).
 */
@Path("/")
public class SignInResource {
    private final Template signIn;
    private final DemoTokens demoTokens;
    private final Sessions sessions;
    private final CurrentUser currentUser;
    private final boolean oidc;

    public SignInResource(@Location("sign-in.html") Template signIn, DemoTokens demoTokens, Sessions sessions, CurrentUser currentUser,
            @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "false") boolean oidc) {
        this.signIn = signIn;
        this.demoTokens = demoTokens;
        this.sessions = sessions;
        this.currentUser = currentUser;
        this.oidc = oidc;
    }

    @GET
    public Response home() {
        return Response.seeOther(URI.create(currentUser.find().map(SignedInUser::home).orElse("/sign-in"))).build();
    }

    @GET
    @Path("sign-in")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance signInPage() {
        return signIn.data("user", null).data("page", "sign-in").data("title", "Sign in").data("demo", demoTokens.enabled())
                .data("roles", DemoTokens.ROLES).data("oidc", oidc).data("message", null);
    }

    @POST
    @Path("sign-in")
    @Produces(MediaType.TEXT_HTML)
    public Response signInAs(@FormParam("role") String role) {
        return demoTokens.token(role == null ? "" : role).map(token -> {
            SignedInUser user = Jwt.user(token, "groups");
            NewCookie cookie = new NewCookie.Builder(Sessions.COOKIE).value(sessions.open(user)).path("/").httpOnly(true)
                    .sameSite(NewCookie.SameSite.STRICT).build();
            return Response.seeOther(URI.create(user.home())).cookie(cookie).build();
        }).orElseGet(() -> Response.status(400).entity(signInPage().data("message", "No demo token for this role.").render()).build());
    }

    @POST
    @Path("sign-out")
    public Response signOut(@CookieParam(Sessions.COOKIE) String session) {
        sessions.close(session);
        NewCookie expired = new NewCookie.Builder(Sessions.COOKIE).value("").path("/").maxAge(0).httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).build();
        return Response.seeOther(URI.create("/sign-in")).cookie(expired).build();
    }

    /** Needs an authenticated caller, so with OIDC on, the identity provider's sign-in runs first. */
    @GET
    @Path("oidc/sign-in")
    @Authenticated
    public Response afterIdentityProvider() {
        return Response.seeOther(URI.create(currentUser.require().home())).build();
    }
}
