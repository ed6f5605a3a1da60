package org.emcomm.vsat.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.emcomm.vsat.config.EmcommConfig;
import org.emcomm.vsat.inventory.ConfigWatch;

/** The configuration folder's hot reload (docs/configuration.md). */
@Path("/api/config")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.REVIEWER, Roles.OPERATOR})
public class ConfigResource {
    private final ConfigWatch watch;
    private final EmcommConfig config;
    private final AuditContext audit;

    ConfigResource(ConfigWatch watch, EmcommConfig config, AuditContext audit) {
        this.watch = watch;
        this.config = config;
        this.audit = audit;
    }

    public record StatusView(String outcome, OffsetDateTime startedWith, OffsetDateTime checkedAt, OffsetDateTime changedAt,
                             String error, String errorFile, String errorKey, boolean restartRequired) {}

    @GET
    @Operation(summary = "What the last check of the configuration folder found: RUNNING (as started), APPLIED, RESTART_REQUIRED"
            + " or REJECTED (the running configuration stays) with the error's file and key")
    public StatusView status() {
        return view(watch.status());
    }

    @POST
    @Path("/reload")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Check the configuration folder now and apply it when good; a bad one answers 422 naming the file,"
            + " key and line, and the running configuration stays")
    public StatusView reload() {
        ConfigWatch.Status s = watch.check(true);
        audit.describe("config.reload", s.outcome(), null);
        if ("REJECTED".equals(s.outcome())) {
            List<Problem.FieldError> errors = new ArrayList<>();
            errors.add(new Problem.FieldError(s.errorKey() == null || s.errorKey().isEmpty() ? s.errorFile() : s.errorKey(), s.error()));
            throw new ApiException(422, "config-rejected", "Configuration refused, the running one stays", s.error(), errors);
        }
        return view(s);
    }

    private StatusView view(ConfigWatch.Status s) {
        return new StatusView(s.outcome(), Views.time(s.startedWith(), config.zone()), Views.time(s.checkedAt(), config.zone()),
                Views.time(s.changedAt(), config.zone()), s.error(), s.errorFile(), s.errorKey(), s.restartRequired());
    }
}
