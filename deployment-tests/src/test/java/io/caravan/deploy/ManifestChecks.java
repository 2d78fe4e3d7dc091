package io.caravan.deploy;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * What a rendered Caravan deployment must satisfy, as a list of problems (empty: fine): the runtime
 * contract for every service's Deployment and Service, the Ingress routes, the converter's autoscaling
 * and disruption budget, the servers' StatefulSets, references that resolve, and Secrets that hold
 * placeholders only.
 */
final class ManifestChecks {

    private final List<HasMetadata> resources;
    private final List<String> problems = new ArrayList<>();

    private ManifestChecks(List<HasMetadata> resources) {
        this.resources = resources;
    }

    /** The problems of a rendered kustomization whose Caravan image is {@code image}. */
    static List<String> of(List<HasMetadata> resources, String image) {
        ManifestChecks checks = new ManifestChecks(resources);
        for (String service : RuntimeContract.SERVICES) {
            checks.service(service, image);
        }
        checks.ingress();
        checks.converterScaling();
        checks.statefulSets();
        checks.references();
        checks.placeholderSecrets();
        return checks.problems;
    }

    private void service(String service, String image) {
        String name = "caravan-" + service;
        Deployment deployment = find(Deployment.class, name);
        if (deployment == null) {
            problems.add("no Deployment " + name);
            return;
        }
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        expect(name, "labels", Map.of("app.kubernetes.io/name", name, "app.kubernetes.io/part-of", "caravan",
                "app.kubernetes.io/component", service).entrySet().stream()
                .allMatch(e -> e.getValue().equals(podLabels.get(e.getKey()))));
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().stream().filter(c -> c.getName().equals("caravan")).findFirst().orElse(null);
        if (container == null) {
            problems.add(name + ": no container caravan");
            return;
        }
        expect(name, "image " + image, image.equals(container.getImage()));
        environment(service, name, container);
        probes(name, container);
        security(name, pod, container);
        resources(name, container.getResources());
        expect(name, "enableServiceLinks: false (Service links inject CARAVAN_*_PORT variables)", Boolean.FALSE.equals(pod.getEnableServiceLinks()));
        expect(name, "a writable /tmp from an emptyDir with a sizeLimit", container.getVolumeMounts().stream()
                .anyMatch(m -> m.getMountPath().equals("/tmp") && pod.getVolumes().stream()
                        .anyMatch(v -> v.getName().equals(m.getName()) && v.getEmptyDir() != null && v.getEmptyDir().getSizeLimit() != null)));
        if (RuntimeContract.hasApi(service)) {
            serviceOf(name, podLabels);
        }
    }

    private void environment(String service, String name, Container container) {
        Map<String, EnvVar> env = new LinkedHashMap<>();
        container.getEnv().forEach(e -> env.put(e.getName(), e));
        Set<String> wanted = RuntimeContract.variables(service);
        for (String variable : wanted) {
            expect(name, "the variable " + variable, env.containsKey(variable));
        }
        env.keySet().stream().filter(v -> !wanted.contains(v) && !RuntimeContract.mayAlsoDefine(service, v))
                .forEach(v -> problems.add(name + ": a variable its service does not need: " + v));
        EnvVar services = env.get("CARAVAN_SERVICES");
        expect(name, "CARAVAN_SERVICES=" + service, services != null && service.equals(services.getValue()));
        env.values().stream().filter(e -> e.getName().contains("PASSWORD") && e.getValue() != null)
                .forEach(e -> problems.add(name + ": " + e.getName() + " is a literal, not a secretKeyRef"));
    }

    private void probes(String name, Container container) {
        probe(name, "livenessProbe", container.getLivenessProbe(), RuntimeContract.LIVENESS_PATH);
        probe(name, "readinessProbe", container.getReadinessProbe(), RuntimeContract.READINESS_PATH);
        probe(name, "startupProbe", container.getStartupProbe(), RuntimeContract.LIVENESS_PATH);
    }

    private void probe(String name, String which, Probe probe, String path) {
        HTTPGetAction get = probe == null ? null : probe.getHttpGet();
        expect(name, which + " GET " + path + " on port " + RuntimeContract.MANAGEMENT_PORT, get != null && path.equals(get.getPath())
                && get.getPort() != null && Objects.equals(get.getPort().getIntVal(), RuntimeContract.MANAGEMENT_PORT));
    }

    private void security(String name, PodSpec pod, Container container) {
        SecurityContext sc = container.getSecurityContext();
        var podSc = pod.getSecurityContext();
        boolean nonRoot = sc != null && Boolean.TRUE.equals(sc.getRunAsNonRoot())
                || podSc != null && Boolean.TRUE.equals(podSc.getRunAsNonRoot());
        Long user = sc != null && sc.getRunAsUser() != null ? sc.getRunAsUser() : podSc == null ? null : podSc.getRunAsUser();
        expect(name, "runAsNonRoot", nonRoot);
        expect(name, "runAsUser " + RuntimeContract.RUN_AS_USER, Objects.equals(user, RuntimeContract.RUN_AS_USER));
        expect(name, "readOnlyRootFilesystem", sc != null && Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem()));
        expect(name, "allowPrivilegeEscalation: false", sc != null && Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation()));
        expect(name, "capabilities drop ALL", sc != null && sc.getCapabilities() != null && sc.getCapabilities().getDrop().contains("ALL"));
        expect(name, "seccompProfile RuntimeDefault", podSc != null && podSc.getSeccompProfile() != null
                && "RuntimeDefault".equals(podSc.getSeccompProfile().getType()));
    }

    private void resources(String name, ResourceRequirements resources) {
        expect(name, "cpu and memory requests and limits", resources != null
                && resources.getRequests().keySet().containsAll(Set.of("cpu", "memory"))
                && resources.getLimits().keySet().containsAll(Set.of("cpu", "memory")));
    }

    private void serviceOf(String name, Map<String, String> podLabels) {
        Service service = find(Service.class, name);
        if (service == null) {
            problems.add("no Service " + name);
            return;
        }
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (ServicePort port : service.getSpec().getPorts()) {
            ports.put(port.getName(), port.getPort());
        }
        expect("Service " + name, "ports http 8080 and management 9876",
                ports.equals(Map.of("http", RuntimeContract.HTTP_PORT, "management", RuntimeContract.MANAGEMENT_PORT)));
        expect("Service " + name, "a selector matching its Deployment's pods", selects(service.getSpec().getSelector(), podLabels));
    }

    private void ingress() {
        Map<String, String> routes = new LinkedHashMap<>();
        Set<String> largeBodies = new HashSet<>();
        for (Ingress ingress : all(Ingress.class)) {
            boolean large = "2g".equals(ingress.getMetadata().getAnnotations().get("nginx.ingress.kubernetes.io/proxy-body-size"));
            ingress.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths().forEach(path -> {
                routes.put(path.getPath(), path.getBackend().getService().getName());
                if (large) {
                    largeBodies.add(path.getPath());
                }
                expect("Ingress " + ingress.getMetadata().getName(), path.getPath() + " to port http",
                        "http".equals(path.getBackend().getService().getPort().getName()));
            }));
        }
        Map<String, String> wanted = new LinkedHashMap<>();
        RuntimeContract.PUBLIC_PATHS.forEach((service, paths) -> paths.forEach(p -> wanted.put(p, "caravan-" + service)));
        expect("Ingress", "the public paths " + wanted + " (is " + routes + ")", routes.equals(wanted));
        expect("Ingress", "2 GB bodies on media's paths", largeBodies.containsAll(RuntimeContract.PUBLIC_PATHS.get("media")));
    }

    private void converterScaling() {
        Deployment converter = find(Deployment.class, "caravan-converter");
        if (converter == null) {
            return;
        }
        expect("caravan-converter", "no replicas of its own (its HorizontalPodAutoscaler owns them)", converter.getSpec().getReplicas() == null);
        HorizontalPodAutoscaler hpa = all(HorizontalPodAutoscaler.class).stream()
                .filter(h -> "caravan-converter".equals(h.getSpec().getScaleTargetRef().getName())
                        && "Deployment".equals(h.getSpec().getScaleTargetRef().getKind()))
                .findFirst().orElse(null);
        expect("caravan-converter", "an autoscaling/v2 HorizontalPodAutoscaler on CPU", hpa != null && hpa.getSpec().getMetrics().stream()
                .anyMatch(m -> m.getResource() != null && "cpu".equals(m.getResource().getName())));
        Map<String, String> labels = converter.getSpec().getTemplate().getMetadata().getLabels();
        expect("caravan-converter", "a PodDisruptionBudget", all(PodDisruptionBudget.class).stream()
                .anyMatch(p -> selects(p.getSpec().getSelector().getMatchLabels(), labels)));
    }

    private void statefulSets() {
        for (StatefulSet set : all(StatefulSet.class)) {
            String name = set.getMetadata().getName();
            expect(name, "volumeClaimTemplates", !set.getSpec().getVolumeClaimTemplates().isEmpty());
            Service headless = find(Service.class, set.getSpec().getServiceName());
            expect(name, "a headless Service " + set.getSpec().getServiceName() + " for its pods", headless != null
                    && "None".equals(headless.getSpec().getClusterIP())
                    && selects(headless.getSpec().getSelector(), set.getSpec().getTemplate().getMetadata().getLabels()));
            PodSpec pod = set.getSpec().getTemplate().getSpec();
            expect(name, "runAsNonRoot", pod.getSecurityContext() != null && Boolean.TRUE.equals(pod.getSecurityContext().getRunAsNonRoot()));
            pod.getContainers().forEach(c -> resources(name + "/" + c.getName(), c.getResources()));
        }
    }

    /** Every Secret, ConfigMap and key a pod refers to exists. */
    private void references() {
        List<PodSpec> pods = new ArrayList<>();
        all(Deployment.class).forEach(d -> pods.add(d.getSpec().getTemplate().getSpec()));
        all(StatefulSet.class).forEach(s -> pods.add(s.getSpec().getTemplate().getSpec()));
        all(CronJob.class).forEach(c -> pods.add(c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec()));
        for (PodSpec pod : pods) {
            List<Container> containers = new ArrayList<>(pod.getContainers());
            containers.addAll(pod.getInitContainers());
            for (Container container : containers) {
                for (EnvVar env : container.getEnv()) {
                    if (env.getValueFrom() == null) {
                        continue;
                    }
                    var secret = env.getValueFrom().getSecretKeyRef();
                    var config = env.getValueFrom().getConfigMapKeyRef();
                    if (secret != null) {
                        expect(env.getName(), "Secret " + secret.getName() + " with key " + secret.getKey(), secretKeys(secret.getName()).contains(secret.getKey()));
                    }
                    if (config != null) {
                        ConfigMap map = find(ConfigMap.class, config.getName());
                        expect(env.getName(), "ConfigMap " + config.getName() + " with key " + config.getKey(), map != null && map.getData().containsKey(config.getKey()));
                    }
                }
            }
            for (Volume volume : pod.getVolumes()) {
                if (volume.getSecret() != null) {
                    expect(volume.getName(), "Secret " + volume.getSecret().getSecretName(), find(Secret.class, volume.getSecret().getSecretName()) != null);
                }
                if (volume.getPersistentVolumeClaim() != null) {
                    expect(volume.getName(), "PersistentVolumeClaim " + volume.getPersistentVolumeClaim().getClaimName(),
                            find(PersistentVolumeClaim.class, volume.getPersistentVolumeClaim().getClaimName()) != null);
                }
                if (volume.getConfigMap() != null) {
                    expect(volume.getName(), "ConfigMap " + volume.getConfigMap().getName(), find(ConfigMap.class, volume.getConfigMap().getName()) != null);
                }
            }
        }
    }

    private Set<String> secretKeys(String name) {
        Secret secret = find(Secret.class, name);
        Set<String> keys = new HashSet<>();
        if (secret != null) {
            keys.addAll(secret.getData().keySet());
            keys.addAll(secret.getStringData().keySet());
        }
        return keys;
    }

    /** A rendered Secret may hold placeholders and account names, never a credential. */
    private void placeholderSecrets() {
        for (Secret secret : all(Secret.class)) {
            Map<String, String> values = new LinkedHashMap<>(secret.getStringData());
            secret.getData().forEach((k, v) -> values.put(k, new String(Base64.getMimeDecoder().decode(v))));
            values.forEach((key, value) -> expect("Secret " + secret.getMetadata().getName(), key + " is a placeholder",
                    isPlaceholder(key, value)));
        }
    }

    /** A committed secret value: the placeholder, or an account name (not a credential). */
    static boolean isPlaceholder(String key, String value) {
        return value.contains("REPLACE_ME") && !value.contains("PRIVATE KEY")
                || Set.of("username", "email").contains(key) && !value.isBlank() && !value.contains("PRIVATE KEY");
    }

    private static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }

    private void expect(String what, String expectation, boolean met) {
        if (!met) {
            problems.add(what + ": expected " + expectation);
        }
    }

    private <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private <T extends HasMetadata> T find(Class<T> type, String name) {
        Predicate<T> named = r -> r.getMetadata().getName().equals(name);
        return all(type).stream().filter(named).findFirst().orElse(null);
    }
}
