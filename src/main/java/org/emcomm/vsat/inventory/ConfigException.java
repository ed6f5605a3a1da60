package org.emcomm.vsat.inventory;

/** A configuration file that cannot be used: names the file, the key (a path such as
 * {@code terminals[3].hub}) and the reason, so an operator can fix it without reading code. */
public final class ConfigException extends RuntimeException {
    private final String file;
    private final String key;
    private final String reason;

    public ConfigException(String file, String key, String reason) {
        super(file + ": " + (key == null || key.isEmpty() ? "" : key + ": ") + reason);
        this.file = file;
        this.key = key;
        this.reason = reason;
    }

    public String file() { return file; }
    public String key() { return key; }
    public String reason() { return reason; }
}
