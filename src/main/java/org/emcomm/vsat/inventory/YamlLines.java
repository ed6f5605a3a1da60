package org.emcomm.vsat.inventory;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** The line of a key path such as {@code terminals[3].hub} in a YAML file, so a config error can name it. */
final class YamlLines {
    private static final Pattern PART = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    private YamlLines() {}

    /** 1-based line of the deepest node the path reaches, or 0 when the file cannot be read as YAML. */
    static int lineOf(Path file, String keyPath) {
        if (keyPath == null || keyPath.isEmpty()) return 0;
        Node node;
        try (Reader r = Files.newBufferedReader(file)) {
            node = new Yaml(new LoaderOptions()).compose(r);
        } catch (Exception e) {
            return 0;
        }
        int line = 0;
        Matcher m = PART.matcher(keyPath);
        while (node != null && m.find()) {
            Node next = null;
            if (m.group(2) != null && node instanceof SequenceNode s) {
                int i = Integer.parseInt(m.group(2));
                if (i < s.getValue().size()) next = s.getValue().get(i);
            } else if (m.group(1) != null && node instanceof MappingNode map) {
                for (NodeTuple t : map.getValue()) {
                    if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(m.group(1))) {
                        line = t.getKeyNode().getStartMark().getLine() + 1;
                        next = t.getValueNode();
                        break;
                    }
                }
            }
            if (next == null) break;
            node = next;
            line = Math.max(line, node.getStartMark().getLine() + 1);
        }
        return line;
    }
}
