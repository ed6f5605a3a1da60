package org.emcomm.vsat.web;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.emcomm.vsat.config.EmcommConfig;
import org.emcomm.vsat.inventory.Inventory;
import org.emcomm.vsat.journal.JournalService;
import org.emcomm.vsat.polling.CycleReport;
import org.emcomm.vsat.polling.PollingService;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * What the console needs besides the public API: who is logged in and which calls their roles
 * allow (read off the resources' own {@code @RolesAllowed}, so a button is shown exactly when the
 * API would accept the call), a cheap pulse that tells the page when to refresh, and logout.
 */
@Path("/api/console")
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleResource {
    /** Every resource whose calls the console may offer; {@code ConsoleResourceTest} checks none is missing. */
    static final List<Class<?>> RESOURCES = List.of(AuditResource.class, ComplianceResource.class, DrillResource.class,
            EmergencyResource.class, IncidentResource.class, MaintenanceResource.class, NetworkResource.class,
            SimulatorResource.class, TaskResource.class, TerminalResource.class, TrapResource.class, ConsoleResource.class, ConsoleFontResource.class,
            ConfigResource.class, AccessResource.class);

    private final SecurityIdentity identity;
    private final JournalService journal;
    private final PollingService polling;
    private final EmcommConfig config;
    private final Clock clock;
    private final Inventory inventory;
    private final String cookieName;
    private final AuditContext audit;

    ConsoleResource(SecurityIdentity identity, JournalService journal, PollingService polling, EmcommConfig config, Clock clock, Inventory inventory, AuditContext audit,
                    @ConfigProperty(name = "quarkus.http.auth.form.cookie-name", defaultValue = "quarkus-credential") String cookieName) {
        this.identity = identity;
        this.journal = journal;
        this.polling = polling;
        this.config = config;
        this.clock = clock;
        this.inventory = inventory;
        this.cookieName = cookieName;
        this.audit = audit;
    }

    public record Session(String user, Set<String> roles, String zone, boolean simulator, List<String> allowed, Topology topology) {}

    /** Names for the ids the API answers with, so the console can show 四川 for {@code sc}. */
    public record Topology(List<Place> regions, List<Place> hubs, List<Place> beams) {}

    public record Place(String id, String name, String level, String parent) {}

    public record Pulse(long seq, OffsetDateTime lastCycle, OffsetDateTime now) {}

    @GET
    @Path("/session")
    @RolesAllowed({Roles.OPERATOR, Roles.COORDINATOR, Roles.REVIEWER, Roles.ADMIN})
    @Operation(summary = "The logged-in user, their roles, the configured zone and the changing calls their roles allow")
    public Session session() {
        Set<String> roles = new TreeSet<>(identity.getRoles());
        return new Session(identity.getPrincipal().getName(), roles, config.zone().getId(), config.simulator().enabled(),
                allowedCalls(roles), topology());
    }

    @GET
    @Path("/pulse")
    @RolesAllowed({Roles.OPERATOR, Roles.COORDINATOR, Roles.REVIEWER, Roles.ADMIN})
    @Operation(summary = "Journal head and last poll cycle: the console refreshes a page when either moves")
    public Pulse pulse() {
        CycleReport last = polling.lastCycle();
        return new Pulse(journal.head().seq(), last == null ? null : OffsetDateTime.ofInstant(last.startedAt(), config.zone()),
                OffsetDateTime.now(clock.withZone(config.zone())));
    }

    @POST
    @Path("/logout")
    @PermitAll
    @Operation(summary = "End the console session (drops the session cookie)")
    public Response logout() {
        audit.describe("console.logout", identity.isAnonymous() ? null : identity.getPrincipal().getName(), null);
        NewCookie gone = new NewCookie.Builder(cookieName).path("/").maxAge(0).value("").build();
        NewCookie version = new NewCookie.Builder(org.emcomm.vsat.security.FileIdentityProvider.SESSION_VERSION_COOKIE).path("/").maxAge(0).value("").build();
        return Response.noContent().cookie(gone, version).build();
    }

    private Topology topology() {
        return new Topology(
                inventory.regions().stream().map(r -> new Place(r.id(), r.name(), r.level().name().toLowerCase(java.util.Locale.ROOT), r.parent()))
                        .sorted(java.util.Comparator.comparing(Place::id)).toList(),
                inventory.hubs().stream().map(h -> new Place(h.id(), h.name(), "hub", null)).sorted(java.util.Comparator.comparing(Place::id)).toList(),
                inventory.beams().stream().map(b -> new Place(b.id(), b.name(), "beam", null)).sorted(java.util.Comparator.comparing(Place::id)).toList());
    }

    /** "METHOD /path/{param}" for every changing call (not GET) these roles may make. */
    static List<String> allowedCalls(Set<String> roles) {
        List<String> out = new ArrayList<>();
        for (Class<?> resource : RESOURCES) {
            String base = pathOf(resource.getAnnotation(Path.class));
            for (Method m : resource.getDeclaredMethods()) {
                String verb = verb(m);
                if (verb == null || verb.equals("GET")) continue;
                RolesAllowed allowed = m.isAnnotationPresent(RolesAllowed.class) ? m.getAnnotation(RolesAllowed.class)
                        : resource.getAnnotation(RolesAllowed.class);
                boolean permitted = m.isAnnotationPresent(PermitAll.class)
                        || (allowed != null && Arrays.stream(allowed.value()).anyMatch(roles::contains));
                if (permitted) out.add(verb + " " + base + pathOf(m.getAnnotation(Path.class)));
            }
        }
        out.sort(null);
        return out;
    }

    private static String pathOf(Path p) {
        if (p == null) return "";
        String v = p.value();
        return v.startsWith("/") ? v : "/" + v;
    }

    private static String verb(Method m) {
        for (Class<? extends Annotation> a : List.of(POST.class, PUT.class, PATCH.class, DELETE.class, GET.class)) {
            if (m.isAnnotationPresent(a)) return a.getSimpleName();
        }
        return null;
    }
}
