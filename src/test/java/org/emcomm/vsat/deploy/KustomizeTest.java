package org.emcomm.vsat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every overlay under k8s/overlays renders with {@code kubectl kustomize} ({@code $KUBECTL} or kubectl: Debian's
 * kubernetes-client, installed by make test), every manifest parses as its own Kubernetes kind in
 * fabric8's model with no field the model does not know (a misspelt key fails), and the pieces fit:
 * probes, resources, secrets, ports, the shard count.
 */
class KustomizeTest {
    static final KubernetesSerialization K8S = new KubernetesSerialization();

    static Stream<Path> overlays() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("k8s/overlays"))) {
            List<Path> all = s.filter(p -> Files.isRegularFile(p.resolve("kustomization.yaml"))).sorted().toList();
            assertThat(all).extracting(p -> p.getFileName().toString()).contains("single", "sharded");
            return all.stream();
        }
    }

    static List<HasMetadata> render(Path overlay) throws Exception {
        Process p = new ProcessBuilder(System.getenv().getOrDefault("KUBECTL", "kubectl"), "kustomize", overlay.toString()).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("kubectl kustomize " + overlay + ": " + err).isZero();
        List<HasMetadata> objects = new ArrayList<>();
        for (String doc : new String(out, StandardCharsets.UTF_8).split("(?m)^---\\s*$")) {
            if (doc.isBlank()) continue;
            HasMetadata o = K8S.unmarshal(doc, HasMetadata.class);
            assertThat(o).as("a manifest of kind %s in %s parses as its kind", o.getKind(), overlay).isNotInstanceOf(GenericKubernetesResource.class);
            List<String> unknown = new ArrayList<>();
            unknownFields(o, o.getKind() + " " + o.getMetadata().getName(), unknown, new IdentityHashMap<>());
            assertThat(unknown).as("fields fabric8's %s model does not know", o.getKind()).isEmpty();
            objects.add(o);
        }
        return objects;
    }

    /** Walks the model's getters; any additional property is a key the Kubernetes schema does not have. */
    static void unknownFields(Object o, String path, List<String> out, Map<Object, Boolean> seen) throws Exception {
        if (o == null || seen.put(o, true) != null) return;
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) unknownFields(e, path + "[" + i++ + "]", out, seen);
            return;
        }
        if (o instanceof Map<?, ?> m) {
            for (var e : m.entrySet()) unknownFields(e.getValue(), path + "." + e.getKey(), out, seen);
            return;
        }
        if (!(o instanceof KubernetesResource)) return;
        for (Method g : o.getClass().getMethods()) {
            if (g.getParameterCount() != 0 || !g.getName().startsWith("get") || g.getDeclaringClass() == Object.class) continue;
            Object v = g.invoke(o);
            if (g.getName().equals("getAdditionalProperties")) {
                if (v instanceof Map<?, ?> extra && !extra.isEmpty()) out.add(path + ": " + extra.keySet());
            } else {
                unknownFields(v, path + "." + g.getName().substring(3), out, seen);
            }
        }
    }

    static <T extends HasMetadata> T one(List<HasMetadata> all, Class<T> kind, String namePrefix) {
        List<T> found = all.stream().filter(kind::isInstance).map(kind::cast)
                .filter(o -> o.getMetadata().getName().startsWith(namePrefix)).toList();
        assertThat(found).as(kind.getSimpleName() + " " + namePrefix).hasSize(1);
        return found.get(0);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void rendersAndFits(Path overlay) throws Exception {
        List<HasMetadata> all = render(overlay);
        assertThat(all).allSatisfy(o -> assertThat(o.getMetadata().getNamespace() == null || o.getMetadata().getNamespace().equals("emcomm")).isTrue());

        StatefulSet emcomm = one(all, StatefulSet.class, "emcomm");
        Container c = emcomm.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(c.getResources().getLimits()).containsKeys("cpu", "memory");
        assertThat(emcomm.getSpec().getVolumeClaimTemplates()).extracting(p -> p.getMetadata().getName()).contains("data");

        // Every Secret and ConfigMap the pods name is in the render (generated names carry a hash).
        Set<String> present = new java.util.HashSet<>();
        all.stream().filter(o -> o instanceof Secret || o instanceof ConfigMap).forEach(o -> present.add(o.getMetadata().getName()));
        List<String> referenced = new ArrayList<>();
        c.getEnvFrom().forEach(e -> referenced.add(e.getSecretRef().getName()));
        emcomm.getSpec().getTemplate().getSpec().getVolumes().forEach(v -> {
            if (v.getConfigMap() != null) referenced.add(v.getConfigMap().getName());
            if (v.getProjected() != null) v.getProjected().getSources().forEach(s -> {
                if (s.getConfigMap() != null) referenced.add(s.getConfigMap().getName());
                if (s.getSecret() != null) referenced.add(s.getSecret().getName());
            });
        });
        assertThat(present).containsAll(referenced);

        // The ConfigMaps hold config/ as it is in git, every profile included.
        ConfigMap config = one(all, ConfigMap.class, "emcomm-config");
        for (String f : List.of("application.properties", "inventory.yaml", "credentials.yaml")) {
            assertThat(config.getData().get(f)).as(f).isEqualTo(Files.readString(Path.of("config", f)));
        }
        ConfigMap profiles = one(all, ConfigMap.class, "emcomm-profiles");
        try (Stream<Path> s = Files.list(Path.of("config/profiles"))) {
            assertThat(profiles.getData().keySet()).as("config/kustomization.yaml lists every profile")
                    .containsExactlyInAnyOrderElementsOf(s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).toList());
        }

        // Traps: the Service's target port is the container's, and the service listens there.
        Service traps = one(all, Service.class, "emcomm-traps");
        assertThat(traps.getSpec().getPorts().get(0).getProtocol()).isEqualTo("UDP");
        int trapPort = c.getPorts().stream().filter(p -> "traps".equals(p.getName())).findFirst().orElseThrow().getContainerPort();
        assertThat(traps.getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo("traps");
        assertThat(env(c, "EMCOMM_TRAPS_PORT")).isEqualTo(Integer.toString(trapPort));
        assertThat(traps.getSpec().getExternalTrafficPolicy()).as("keeps the trap sender's address").isEqualTo("Local");

        // InfluxDB with a volume and its setup Job; the PDB and the NetworkPolicy.
        assertThat(one(all, StatefulSet.class, "influxdb").getSpec().getVolumeClaimTemplates()).isNotEmpty();
        assertThat(one(all, Job.class, "influxdb-setup").getSpec().getTemplate().getSpec().getContainers().get(0).getArgs().get(0))
                .contains("influx setup").contains("--token");
        assertThat(one(all, PodDisruptionBudget.class, "emcomm").getSpec().getSelector().getMatchLabels())
                .isEqualTo(emcomm.getSpec().getSelector().getMatchLabels());
        NetworkPolicy np = one(all, NetworkPolicy.class, "emcomm");
        List<String> egress = np.getSpec().getEgress().stream().flatMap(r -> r.getPorts().stream()).map(KustomizeTest::port).toList();
        List<String> ingress = np.getSpec().getIngress().stream().flatMap(r -> r.getPorts().stream()).map(KustomizeTest::port).toList();
        assertThat(egress).contains("UDP/161", "TCP/8086", "TCP/8080", "UDP/53");
        assertThat(ingress).contains("UDP/" + trapPort, "TCP/8080");

        // Sharded: the replicas and the count agree, and the count file is the mounted ConfigMap.
        if (overlay.getFileName().toString().equals("sharded")) {
            ConfigMap shards = one(all, ConfigMap.class, "emcomm-shards");
            assertThat(emcomm.getSpec().getReplicas()).isGreaterThan(1).isEqualTo(Integer.parseInt(shards.getData().get("count")));
            String file = env(c, "EMCOMM_SHARD_COUNT_FILE");
            var mount = c.getVolumeMounts().stream().filter(m -> file.startsWith(m.getMountPath() + "/")).findFirst().orElseThrow();
            var volume = emcomm.getSpec().getTemplate().getSpec().getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
            assertThat(volume.getConfigMap().getName()).isEqualTo("emcomm-shards");
            assertThat(file).endsWith("/count");
        } else {
            assertThat(emcomm.getSpec().getReplicas()).isEqualTo(1);
        }
        assertThat(env(c, "EMCOMM_SHARD_WRITER_URL")).startsWith("http://emcomm-0.emcomm-pods:");
        assertThat(c.getEnv()).as("the pod's name, for its ordinal").filteredOn(e -> e.getName().equals("EMCOMM_SHARD_POD")).singleElement()
                .satisfies(e -> assertThat(e.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name"));
    }

    static String env(Container c, String name) {
        return c.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("env " + name + " missing"));
    }

    static String port(NetworkPolicyPort p) {
        return p.getProtocol() + "/" + p.getPort().getIntVal();
    }
}
