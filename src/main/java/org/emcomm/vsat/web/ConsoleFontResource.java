package org.emcomm.vsat.web;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The Chinese font the PDFs embed, served to the console as a web font, so a NOC screen without
 * CJK fonts installed still shows 中文 (one font in the jar, not two). */
@Path("/console/font/cjk.ttf")
public class ConsoleFontResource {

    @GET
    @PermitAll
    @Produces("font/ttf")
    @Operation(hidden = true)
    public Response font() {
        InputStream in = ConsoleFontResource.class.getResourceAsStream(org.emcomm.vsat.document.PdfRenderer.FONT);
        if (in == null) return Response.status(404).build();
        CacheControl cache = new CacheControl();
        cache.setMaxAge(7 * 24 * 3600);
        return Response.ok(in).cacheControl(cache).build();
    }
}
