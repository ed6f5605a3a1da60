package org.emcomm.vsat.storage;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import com.influxdb.client.InfluxQLQueryApi;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.InfluxQLQuery;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.query.InfluxQLQueryResult;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.emcomm.vsat.config.EmcommConfig;
import org.emcomm.vsat.inventory.ConfigException;

/** The one InfluxDB client of the service: writes through /api/v2/write, reads with InfluxQL (/query). */
final class InfluxConnection implements AutoCloseable {
    /** A bucket as written ("db/rp" on 1.x) and as InfluxQL addresses it. */
    record Bucket(String name, String database, String retentionPolicy) {
        static Bucket parse(String key, String text) {
            if (text == null || text.isBlank()) throw new ConfigException("application.properties", key, "must not be empty");
            String[] parts = text.trim().split("/", -1);
            if (parts.length > 2 || parts[0].isEmpty() || (parts.length == 2 && parts[1].isEmpty())) {
                throw new ConfigException("application.properties", key, "'" + text + "' must be a bucket name or database/retention-policy");
            }
            return new Bucket(text.trim(), parts[0], parts.length == 2 ? parts[1] : null);
        }
    }

    private final InfluxDBClient client;
    private final WriteApiBlocking writes;
    private final InfluxQLQueryApi queries;
    final String url;
    final String org;
    final Bucket records;
    final Bucket samples;

    private InfluxConnection(InfluxDBClient client, String url, String org, Bucket records, Bucket samples) {
        this.client = client;
        this.writes = client.getWriteApiBlocking();
        this.queries = client.getInfluxQLQueryApi();
        this.url = url;
        this.org = org;
        this.records = records;
        this.samples = samples;
    }

    /** Validates the emcomm.influx.* keys; an error names the key. */
    static InfluxConnection open(EmcommConfig.Influx c) {
        String url = c.url().orElseThrow().trim();
        try {
            URI u = URI.create(url);
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) throw new IllegalArgumentException();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("application.properties", "emcomm.influx.url", "'" + url + "' must be an http:// or https:// URL");
        }
        if (c.token().isPresent() && (c.username().isPresent() || c.password().isPresent())) {
            throw new ConfigException("application.properties", "emcomm.influx.token", "give a token or username/password, not both");
        }
        if (c.username().isPresent() != c.password().isPresent()) {
            throw new ConfigException("application.properties", c.username().isPresent() ? "emcomm.influx.password" : "emcomm.influx.username",
                    "username and password go together");
        }
        if (c.batchSize() < 1 || c.batchSize() > 100_000) {
            throw new ConfigException("application.properties", "emcomm.influx.batch-size", "must be 1..100000, not " + c.batchSize());
        }
        if (c.spoolMaxBytes() < 1024 * 1024) {
            throw new ConfigException("application.properties", "emcomm.influx.spool-max-bytes", "must be at least 1048576 (1 MiB)");
        }
        if (c.flushInterval().isNegative() || c.flushInterval().isZero()) {
            throw new ConfigException("application.properties", "emcomm.influx.flush-interval", "must be positive");
        }
        Bucket records = Bucket.parse("emcomm.influx.bucket", c.bucket());
        Bucket samples = c.sampleBucket().map(b -> Bucket.parse("emcomm.influx.sample-bucket", b)).orElse(records);
        long timeout = c.timeout().toMillis();
        OkHttpClient.Builder http = new OkHttpClient.Builder().connectTimeout(timeout, TimeUnit.MILLISECONDS)
                .readTimeout(timeout, TimeUnit.MILLISECONDS).writeTimeout(timeout, TimeUnit.MILLISECONDS).retryOnConnectionFailure(false);
        // 1.8+ takes "username:password" as the token of its /api/v2 compatibility endpoints
        String token = c.token().orElseGet(() -> c.username().map(u -> u + ":" + c.password().orElse("")).orElse(""));
        InfluxDBClientOptions options = InfluxDBClientOptions.builder().url(url).okHttpClient(http)
                .authenticateToken(token.toCharArray()).org(c.org()).bucket(records.name()).build();
        return new InfluxConnection(InfluxDBClientFactory.create(options), url, c.org(), records, samples);
    }

    void write(Bucket bucket, WritePrecision precision, List<String> lines) {
        writes.writeRecords(bucket.name(), org, precision, lines);
    }

    InfluxQLQueryResult query(Bucket bucket, String influxQL) {
        InfluxQLQuery q = new InfluxQLQuery(influxQL, bucket.database()).setPrecision(InfluxQLQuery.InfluxQLPrecision.MILLISECONDS);
        if (bucket.retentionPolicy() != null) q.setRetentionPolicy(bucket.retentionPolicy());
        return queries.query(q);
    }

    @Override
    public void close() {
        client.close();
    }

    static String quoteIdent(String name) {
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String quoteString(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
