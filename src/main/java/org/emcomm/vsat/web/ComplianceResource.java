package org.emcomm.vsat.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.emcomm.vsat.compliance.ComplianceBook;
import org.emcomm.vsat.compliance.ComplianceService;
import org.emcomm.vsat.compliance.Scoring;
import org.emcomm.vsat.config.EmcommConfig;

/** The authority's indicators, live; their scores; deviation causes; warnings; the period report and its verification (api.md, Compliance). */
@Path("/api/compliance")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPERATOR, Roles.COORDINATOR, Roles.REVIEWER, Roles.ADMIN})
public class ComplianceResource {
    private final ComplianceService compliance;
    private final EmcommConfig config;
    private final ZonedJson json;
    private final AuditContext audit;
    private final SecurityIdentity identity;

    ComplianceResource(ComplianceService compliance, EmcommConfig config, ZonedJson json, AuditContext audit, SecurityIdentity identity) {
        this.compliance = compliance;
        this.config = config;
        this.json = json;
        this.audit = audit;
        this.identity = identity;
    }

    public record DeviationBody(String cause, String measures) {}

    /** year (default: this year in the configured zone), or from and to. */
    private ComplianceService.Period period(String year, String from, String to) {
        if (from != null || to != null) {
            if (year != null) throw ApiException.invalid("year", "give a year or from/to, not both");
            Instant f = Params.instant("from", from, config.zone()), t = Params.instant("to", to, config.zone());
            if (f == null) throw ApiException.invalid("from", "is required with to");
            if (t == null) throw ApiException.invalid("to", "is required with from");
            if (!f.isBefore(t)) throw ApiException.invalid("from", "must be before to");
            return new ComplianceService.Period(f, t);
        }
        return year == null || year.isBlank() ? compliance.thisYear() : compliance.year(Params.year("year", year, 0));
    }

    private ObjectNode periodNode(ComplianceService.Period p) {
        ObjectNode n = json.mapper().createObjectNode();
        n.set("from", json.tree(p.from()));
        n.set("to", json.tree(p.to()));
        return n;
    }

    @GET
    @Path("/indicators")
    @Operation(summary = "Each indicator for a period: target, actual, status (MET, ON_TRACK, AT_RISK, MISSED), pace, the record ids behind it",
            description = "year (default: this year in the configured zone), or from/to for any period")
    public JsonNode indicators(@QueryParam("year") String year, @QueryParam("from") String from, @QueryParam("to") String to) {
        ComplianceService.Period p = period(year, from, to);
        ObjectNode n = periodNode(p);
        n.set("indicators", json.tree(compliance.indicators(p)));
        return n;
    }

    @GET
    @Path("/score")
    @Operation(summary = "The self-evaluation: each indicator's weight and score, the total, the grade (优 ≥ 90, 良 80–89, 中 60–79, 差 < 60)",
            description = "year or from/to as for the indicators; each line carries the deviation cause and measures written for the period")
    public JsonNode score(@QueryParam("year") String year, @QueryParam("from") String from, @QueryParam("to") String to) {
        ComplianceService.Period p = period(year, from, to);
        Scoring.Result r = compliance.score(p);
        ObjectNode n = periodNode(p);
        ArrayNode lines = n.putArray("lines");
        for (Scoring.Line l : r.lines()) {
            ObjectNode o = lines.addObject().put("indicator", l.indicator().id()).put("status", l.indicator().status().name());
            o.set("level1", json.tree(l.level1()));
            o.set("level2", json.tree(l.level2()));
            o.put("target", l.indicator().target());
            if (l.indicator().actual() == null) o.putNull("actual");
            else o.put("actual", l.indicator().actual());
            o.put("weight", l.weight());
            if (l.score() == null) o.putNull("score");
            else o.put("score", l.score());
            ComplianceBook.Deviation d = compliance.book().deviation(l.indicator().id(), p.from(), p.to());
            o.set("deviation", d == null ? null : deviationNode(d));
        }
        n.put("total", r.total()).put("max", r.max()).put("percent", r.percent());
        n.set("grade", json.tree(r.grade()));
        return n;
    }

    private ObjectNode deviationNode(ComplianceBook.Deviation d) {
        ObjectNode o = json.mapper().createObjectNode().put("indicator", d.indicator());
        o.set("from", json.tree(d.from()));
        o.set("to", json.tree(d.to()));
        o.put("cause", d.cause()).put("measures", d.measures()).put("by", d.by());
        o.set("at", json.tree(d.at()));
        return o;
    }

    @PUT
    @Path("/deviations/{indicator}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER})
    @Operation(summary = "Write the deviation cause and measures of an indicator not met in a period (admin or reviewer)",
            description = "{cause, measures}; year or from/to as for the indicators. 409 when the indicator is met; a new text replaces the old, both stay in the journal")
    public JsonNode deviation(@PathParam("indicator") String indicator, @QueryParam("year") String year, @QueryParam("from") String from,
                              @QueryParam("to") String to, DeviationBody b) {
        ComplianceService.Period p = period(year, from, to);
        ComplianceBook.Deviation d = compliance.writeDeviation(indicator, p, b == null ? null : b.cause(), b == null ? null : b.measures(),
                identity.getPrincipal().getName());
        audit.describe("compliance.deviation", indicator, json.tree(b));
        return deviationNode(d);
    }

    @GET
    @Path("/warnings")
    @Operation(summary = "The turns of this year's indicators to AT_RISK or MISSED, oldest first (also logged and sent to webhooks)",
            description = "year (default: this year)")
    public JsonNode warnings(@QueryParam("year") String year) {
        return json.tree(compliance.warnings(Params.year("year", year, compliance.thisYear().from().atZone(config.zone()).getYear())));
    }

    @GET
    @Path("/report")
    @Produces({MediaType.APPLICATION_JSON, "text/csv", "application/pdf"})
    @Operation(summary = "The period report: self-evaluation table, evidence index, integrity digest (SHA-256 over the content and the journal head)",
            description = "year or from/to; format: json (default), csv, pdf (A4, Chinese and English). Each download is registered in the journal so that"
                    + " POST /api/compliance/report/verify can check it later")
    public Response report(@QueryParam("year") String year, @QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("format") String format) {
        ComplianceService.Period p = period(year, from, to);
        ComplianceService.Download r = compliance.issue(p, format, identity.getPrincipal().getName());
        return Response.ok(r.bytes(), r.contentType()).header("Content-Disposition", "attachment; filename=\"" + r.fileName() + "\"")
                .header("X-Report-Id", r.id()).header("X-Report-Digest", r.digest()).build();
    }

    @POST
    @Path("/report/verify")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Verify a downloaded report against the journal: issued by this service, digest recomputed, journal chain and head",
            description = "the file as downloaded (JSON, CSV or PDF) as the body; answers valid and each check; changes nothing")
    public JsonNode verify(byte[] body) {
        return json.tree(compliance.verify(body));
    }
}
