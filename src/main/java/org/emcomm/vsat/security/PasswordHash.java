package org.emcomm.vsat.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/** {@code pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>}; run {@code main} to make one. */
public final class PasswordHash {
    static final int ITERATIONS = 60_000;

    private PasswordHash() {}

    public static String hash(String password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return "pbkdf2-sha256$" + ITERATIONS + "$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(derive(password, salt, ITERATIONS));
    }

    /** Parses a stored hash; throws IllegalArgumentException naming what is wrong. */
    static Parsed parse(String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals("pbkdf2-sha256")) {
            throw new IllegalArgumentException("not of the form pbkdf2-sha256$iterations$salt$hash");
        }
        try {
            return new Parsed(Integer.parseInt(parts[1]), Base64.getDecoder().decode(parts[2]), Base64.getDecoder().decode(parts[3]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("iterations, salt or hash is not readable");
        }
    }

    record Parsed(int iterations, byte[] salt, byte[] hash) {
        boolean matches(String password) {
            return MessageDigest.isEqual(hash, derive(password, salt, iterations));
        }
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Prints the hash of the password given as argument (for users.yaml). */
    public static void main(String[] args) {
        System.out.println(hash(args[0]));
    }
}
