package org.emcomm.vsat.notification;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The X-EmComm-Signature header: {@code t=<unix seconds>,sha256=<hex HMAC-SHA256 of "<t>.<body>">}
 * with the webhook's secret. The time inside the signed text lets a receiver refuse replays.
 */
public final class WebhookSigning {
    private WebhookSigning() {}

    public static String sign(String secret, long epochSecond, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] h = mac.doFinal((epochSecond + "." + body).getBytes(StandardCharsets.UTF_8));
            return "t=" + epochSecond + ",sha256=" + HexFormat.of().formatHex(h);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
