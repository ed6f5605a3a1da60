package org.emcomm.vsat.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.emcomm.vsat.compliance.ComplianceService;
import org.emcomm.vsat.config.EmcommConfig;

/** The authority's indicators, live (api.md, Compliance). */
@Path("/api/compliance")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPERATOR, Roles.COORDINATOR, Roles.REVIEWER, Roles.ADMIN})
public class ComplianceResource {
    private final ComplianceService compliance;
    private final EmcommConfig config;
    private final ZonedJson json;

    ComplianceResource(ComplianceService compliance, EmcommConfig config, ZonedJson json) {
        this.compliance = compliance;
        this.config = config;
        this.json = json;
    }

    @GET
    @Path("/indicators")
    @Operation(summary = "Each indicator for a period: target, actual, status (MET, ON_TRACK, AT_RISK, MISSED), pace, the record ids behind it",
            description = "year (default: this year in the configured zone), or from/to for any period")
    public JsonNode indicators(@QueryParam("year") String year, @QueryParam("from") String from, @QueryParam("to") String to) {
        ComplianceService.Period p;
        if (from != null || to != null) {
            if (year != null) throw ApiException.invalid("year", "give a year or from/to, not both");
            Instant f = Params.instant("from", from, config.zone()), t = Params.instant("to", to, config.zone());
            if (f == null) throw ApiException.invalid("from", "is required with to");
            if (t == null) throw ApiException.invalid("to", "is required with from");
            if (!f.isBefore(t)) throw ApiException.invalid("from", "must be before to");
            p = new ComplianceService.Period(f, t);
        } else {
            p = year == null || year.isBlank() ? compliance.thisYear() : compliance.year(Params.year("year", year, 0));
        }
        ObjectNode n = json.mapper().createObjectNode();
        n.set("from", json.tree(p.from()));
        n.set("to", json.tree(p.to()));
        n.set("indicators", json.tree(compliance.indicators(p)));
        return n;
    }
}
