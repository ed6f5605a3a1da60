package org.emcomm.vsat.inventory;

/** A configuration file that cannot be used: names the file, the key (a path such as
 * {@code terminals[3].hub}) and the reason, so an operator can fix it without reading code. */
public final class ConfigException extends RuntimeException {
    private final String file;
    private final String key;
    private final String reason;

    private final int line;

    public ConfigException(String file, String key, String reason) {
        this(file, 0, key, reason);
    }

    public ConfigException(String file, int line, String key, String reason) {
        super(file + ": " + (line > 0 ? "line " + line + ": " : "") + (key == null || key.isEmpty() ? "" : key + ": ") + reason);
        this.file = file;
        this.line = line;
        this.key = key;
        this.reason = reason;
    }

    /** The same error with the line its key is on in the file, when the message does not have one yet. */
    public ConfigException withLine() {
        if (line > 0 || reason.contains("line ") || key == null || key.isEmpty() || file == null) return this;
        java.nio.file.Path p = java.nio.file.Path.of(file);
        if (!java.nio.file.Files.isRegularFile(p)) return this;
        int found = YamlLines.lineOf(p, key);
        return found > 0 ? new ConfigException(file, found, key, reason) : this;
    }

    /** This error as the start-up failure Quarkus reports by its message alone (a {@code ConfigurationException} with
     * no cause is printed as one line, not inside a "Failed to start" stack trace). */
    public RuntimeException stopsStart() {
        return new io.quarkus.runtime.configuration.ConfigurationException(getMessage());
    }

    /** 1-based, or 0 when not known. */
    public int line() { return line; }

    public String file() { return file; }
    public String key() { return key; }
    public String reason() { return reason; }
}
