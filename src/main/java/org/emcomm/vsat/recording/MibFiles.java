package org.emcomm.vsat.recording;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The object names a folder of MIB files defines, as net-snmp's parser reads them ({@code snmptranslate -Tz}). */
public final class MibFiles {
    private static final Pattern PAIR = Pattern.compile("^\"([^\"]+)\"\\s+\"([0-9.]+)\"$");

    private MibFiles() {}

    /** OID → name of every node the MIBs in these folders define (with net-snmp's own MIBs); fails with a reason. */
    public static Map<String, String> names(List<Path> dirs) throws IOException, InterruptedException {
        for (Path dir : dirs) if (!Files.isDirectory(dir)) throw new IOException(dir + " is not a folder");
        String text = snmptranslate(dirs, List.of("-Tz", "-On"));
        Map<String, String> out = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = PAIR.matcher(line.trim());
            if (m.matches()) out.put(m.group(2).startsWith(".") ? m.group(2).substring(1) : m.group(2), m.group(1));
        }
        return out;
    }

    /** Runs snmptranslate over these MIB folders (and net-snmp's own) with every module loaded; its standard output. */
    static String snmptranslate(List<Path> dirs, List<String> args) throws IOException, InterruptedException {
        StringBuilder path = new StringBuilder();
        for (Path d : dirs) path.append(d.toAbsolutePath()).append(':');
        List<String> cmd = new java.util.ArrayList<>(List.of("snmptranslate", "-M", path + "/usr/share/snmp/mibs", "-m", "ALL"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("MIBS", "");
        pb.environment().remove("MIBDIRS");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD); // its complaints about other MIBs; stdout is read whole
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException("snmptranslate (net-snmp's snmp package) is needed to read MIB files: " + e.getMessage(), e);
        }
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES)) p.destroyForcibly();
        return text;
    }
}
