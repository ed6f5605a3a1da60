package org.emcomm.vsat.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.emcomm.vsat.inventory.ConfigException;

/** {@code users.yaml}: user name → password hash and roles. A missing file means no local
 * users (production uses OIDC). */
public final class UsersFile {
    static final Set<String> ROLES = Set.of("operator", "coordinator", "reviewer", "admin");

    record User(String name, PasswordHash.Parsed password, Set<String> roles) {}

    record Entry(String password, List<String> roles) {}

    record FileShape(Map<String, Entry> users) {}

    private UsersFile() {}

    /** A users.yaml that was read and checked, to hand to the identity provider without reading the file again. */
    public static final class Checked {
        final Map<String, User> byName;

        private Checked(Map<String, User> byName) { this.byName = byName; }

        public int size() { return byName.size(); }
    }

    /** Reads and checks the file; a bad one throws the same ConfigException a start would. */
    public static Checked check(Path file) {
        return new Checked(read(file));
    }

    /** The users, or a ConfigException naming the file, the line and the key. */
    static Map<String, User> read(Path file) {
        try {
            return load(file);
        } catch (ConfigException e) {
            throw e.withLine();
        }
    }

    static Map<String, User> load(Path file) {
        String f = file.toString();
        // strict like every configuration file; its values are secrets, so an error names line and key, never a value
        FileShape shape = org.emcomm.vsat.inventory.YamlFiles.readIfAny(file, FileShape.class);
        if (shape == null || shape.users() == null) return Map.of();
        Map<String, User> out = new java.util.HashMap<>();
        shape.users().forEach((name, e) -> {
            String key = "users." + name;
            if (e == null || e.password() == null) throw new ConfigException(f, key + ".password", "is required");
            PasswordHash.Parsed hash;
            try {
                hash = PasswordHash.parse(e.password());
            } catch (IllegalArgumentException x) {
                throw new ConfigException(f, key + ".password", x.getMessage());
            }
            if (e.roles() == null || e.roles().isEmpty()) throw new ConfigException(f, key + ".roles", "at least one role");
            for (String r : e.roles()) {
                if (!ROLES.contains(r)) throw new ConfigException(f, key + ".roles", "'" + r + "' is not one of " + ROLES);
            }
            out.put(name, new User(name, hash, Set.copyOf(e.roles())));
        });
        return out;
    }
}
