#!/usr/bin/env python3
"""The Kubernetes objects of the test control plane's Flink clusters (tests/env/kube.sh), shaped as
the real tools make them: Flink's native Kubernetes integration (labels, `<id>-rest` Service,
`<id>-taskmanager-1-N` pods owned by the JobManager Deployment), the Flink Kubernetes Operator
(FlinkDeployment / FlinkSessionJob and the status it writes), and what the Deployment controller
and scheduler would add (ReplicaSets, pods with spec.nodeName, their status). Plain dicts.

Generated names come from hashes of the owner's name, so they are the same on every start:
kube.sh needs the standalone cluster's pod names for kwok's configuration before the pods exist.
"""

import hashlib
import json
import time
from datetime import datetime, timezone

STANDALONE_NS = "lyz"
STANDALONE_DEPLOYMENTS = {"flink-jobmanager": 1, "flink-taskmanager": 2}
OPERATOR_NS = "flink-apps"
NATIVE_NS = "flink-native"
NATIVE_ID = "native-etl"
NODE_ANNOTATION = "kwok.x-k8s.io/node"
# The operator clusters run the newest Flink the operator's CRD (release 1.15) accepts in
# spec.flinkVersion; they are not the ones backed by the real Flink.
OPERATOR_FLINK_VERSION = "2.2.0"
# Pods per scale cluster and scale clusters per namespace (--pods N).
SCALE_TMS_PER_CLUSTER = 10
SCALE_CLUSTERS_PER_NAMESPACE = 10
PODS_PER_NODE = 1000

# The alphabet of Kubernetes' generated name suffixes (no vowels, no look-alikes).
_ALPHANUM = "bcdfghjklmnpqrstvwxz2456789"


def suffix(seed, length):
    digest = hashlib.sha256(seed.encode()).digest()
    return "".join(_ALPHANUM[b % len(_ALPHANUM)] for b in digest[:length])


def now_rfc3339():
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def now_millis():
    return int(time.time() * 1000)


def pod_template_hash(ns, deployment):
    return suffix(f"{ns}/{deployment}/template", 10)


def replicaset_name(ns, deployment):
    return f"{deployment}-{pod_template_hash(ns, deployment)}"


def replica_pod_name(ns, deployment, index):
    return f"{replicaset_name(ns, deployment)}-{suffix(f'{ns}/{deployment}/{index}', 5)}"


def standalone_names():
    return {
        "namespace": STANDALONE_NS,
        "jobmanager": replica_pod_name(STANDALONE_NS, "flink-jobmanager", 0),
        # The name the ReplicaSet would give the JobManager's replacement (tests make it).
        "jobmanager_successor": replica_pod_name(STANDALONE_NS, "flink-jobmanager", 1),
        "taskmanagers": [replica_pod_name(STANDALONE_NS, "flink-taskmanager", i)
                         for i in range(STANDALONE_DEPLOYMENTS["flink-taskmanager"])],
    }


def owner(obj, controller=True):
    return {"apiVersion": obj["apiVersion"], "kind": obj["kind"], "name": obj["metadata"]["name"],
            "uid": obj["metadata"]["uid"], "controller": controller, "blockOwnerDeletion": True}


def node(name):
    return {"apiVersion": "v1", "kind": "Node",
            "metadata": {"name": name,
                         "annotations": {NODE_ANNOTATION: "fake", "node.alpha.kubernetes.io/ttl": "0"},
                         "labels": {"kubernetes.io/hostname": name, "kubernetes.io/os": "linux",
                                    "kubernetes.io/arch": "amd64", "type": "kwok"}}}


def namespace(name):
    return {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}}


def native_labels(cluster_id, component=None):
    labels = {"type": "flink-native-kubernetes", "app": cluster_id}
    if component:
        labels["component"] = component
    return labels


def container(image, args, ports, name="flink-main-container"):
    return {"name": name, "image": image, "imagePullPolicy": "IfNotPresent", "args": args,
            "ports": [{"name": n, "containerPort": p, "protocol": "TCP"} for n, p in ports],
            "resources": {"requests": {"cpu": "1", "memory": "1600Mi"},
                          "limits": {"cpu": "1", "memory": "1600Mi"}}}


def native_cluster(ns, cluster_id, image, mode):
    """What `kubernetes-session.sh` / `run-application --target kubernetes-application` (and the
    operator, which drives the same code) create: the JobManager Deployment, its ConfigMap and two
    Services. TaskManager pods are made later, owned by the Deployment, as Flink's
    ResourceManager does."""
    jm_labels = native_labels(cluster_id, "jobmanager")
    entry = "kubernetes-application" if mode == "application" else "kubernetes-session"
    deployment = {
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": cluster_id, "namespace": ns, "labels": dict(jm_labels)},
        "spec": {
            "replicas": 1,
            "selector": {"matchLabels": jm_labels},
            "strategy": {"type": "Recreate"},
            "template": {
                "metadata": {"labels": dict(jm_labels)},
                "spec": {
                    "serviceAccountName": "default",
                    "containers": [container(image, ["bash", "-c", f"kubernetes-jobmanager.sh {entry}"],
                                             [("rest", 8081), ("jobmanager-rpc", 6123), ("blobserver", 6124)])],
                    "volumes": [{"name": "flink-config-volume",
                                 "configMap": {"name": f"flink-config-{cluster_id}"}}],
                },
            },
        },
    }
    config = {
        "apiVersion": "v1", "kind": "ConfigMap",
        "metadata": {"name": f"flink-config-{cluster_id}", "namespace": ns, "labels": native_labels(cluster_id)},
        "data": {"config.yaml": "\n".join([
            f"kubernetes.cluster-id: {cluster_id}",
            f"kubernetes.namespace: {ns}",
            f"execution.target: kubernetes-{mode}",
            "jobmanager.rpc.port: 6123",
            "blob.server.port: 6124",
            "rest.port: 8081",
            "taskmanager.numberOfTaskSlots: 2",
            ""])},
    }
    internal = {
        "apiVersion": "v1", "kind": "Service",
        "metadata": {"name": cluster_id, "namespace": ns, "labels": native_labels(cluster_id)},
        "spec": {"clusterIP": "None", "selector": jm_labels,
                 "ports": [{"name": "jobmanager-rpc", "port": 6123, "targetPort": 6123},
                           {"name": "blobserver", "port": 6124, "targetPort": 6124}]},
    }
    rest = {
        "apiVersion": "v1", "kind": "Service",
        "metadata": {"name": f"{cluster_id}-rest", "namespace": ns, "labels": native_labels(cluster_id)},
        "spec": {"type": "ClusterIP", "selector": jm_labels,
                 "ports": [{"name": "rest", "port": 8081, "targetPort": 8081, "protocol": "TCP"}]},
    }
    return deployment, [config, internal, rest]


def taskmanager_pod(ns, cluster_id, index, image, jm_deployment, node_name):
    name = f"{cluster_id}-taskmanager-1-{index}"
    return {
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": name, "namespace": ns, "labels": native_labels(cluster_id, "taskmanager"),
                     "ownerReferences": [owner(jm_deployment)]},
        "spec": {
            "nodeName": node_name,
            "restartPolicy": "Never",
            "serviceAccountName": "default",
            "containers": [container(image, ["bash", "-c", f"kubernetes-taskmanager.sh -Dtaskmanager.resource-id={name}"],
                                     [("rpc", 6122)])],
        },
    }


def flink_deployment(ns, name, flink_version, image, job=None):
    spec = {
        "image": image,
        "flinkVersion": "v" + "_".join(flink_version.split(".")[:2]),
        "flinkConfiguration": {"taskmanager.numberOfTaskSlots": "2"},
        "serviceAccount": "flink",
        "jobManager": {"resource": {"memory": "1600m", "cpu": 1}},
        "taskManager": {"resource": {"memory": "1600m", "cpu": 1}},
    }
    if job:
        spec["job"] = job
    return {"apiVersion": "flink.apache.org/v1beta1", "kind": "FlinkDeployment",
            "metadata": {"name": name, "namespace": ns}, "spec": spec}


def job_id(seed):
    return hashlib.sha256(seed.encode()).hexdigest()[:32]


def flink_deployment_status(fd, flink_version, job_name=None):
    """The status the operator writes for a healthy deployment (lifecycle STABLE)."""
    name = fd["metadata"]["name"]
    status = {
        "lifecycleState": "STABLE",
        "jobManagerDeploymentStatus": "READY",
        "observedGeneration": fd["metadata"].get("generation", 1),
        "clusterInfo": {"flink-version": flink_version, "flink-revision": "unknown @ unknown",
                        "total-cpu": "3.0", "total-memory": "5033164800", "state-size": "0"},
        "reconciliationStatus": {"state": "DEPLOYED", "reconciliationTimestamp": now_millis(),
                                 "lastReconciledSpec": json.dumps({"spec": fd["spec"], "resource_metadata": {}}),
                                 "lastStableSpec": json.dumps({"spec": fd["spec"], "resource_metadata": {}})},
        "taskManager": {"labelSelector": f"component=taskmanager,app={name}", "replicas": 2},
        "conditions": [{"type": "Running", "status": "True", "reason": "JobManagerReady",
                        "message": "JobManager is running and ready to receive REST API calls",
                        "lastTransitionTime": now_rfc3339(), "observedGeneration": 1}],
    }
    if job_name:
        status["jobStatus"] = {
            "jobId": job_id(f"{fd['metadata']['namespace']}/{name}"), "jobName": job_name, "state": "RUNNING",
            "startTime": str(now_millis() - 3_600_000), "updateTime": str(now_millis()),
            "checkpointInfo": {"lastPeriodicCheckpointTimestamp": 0},
            "savepointInfo": {"lastPeriodicSavepointTimestamp": 0, "savepointHistory": []},
        }
    return status


def session_job(ns, name, deployment_name, jar):
    return {"apiVersion": "flink.apache.org/v1beta1", "kind": "FlinkSessionJob",
            "metadata": {"name": name, "namespace": ns},
            "spec": {"deploymentName": deployment_name,
                     "job": {"jarURI": jar, "parallelism": 2, "upgradeMode": "stateless", "state": "running"}}}


def session_job_status(job, job_name):
    ns, name = job["metadata"]["namespace"], job["metadata"]["name"]
    return {
        "lifecycleState": "STABLE",
        "observedGeneration": 1,
        "reconciliationStatus": {"state": "DEPLOYED", "reconciliationTimestamp": now_millis(),
                                 "lastReconciledSpec": json.dumps({"spec": job["spec"], "resource_metadata": {}})},
        "jobStatus": {"jobId": job_id(f"{ns}/{name}"), "jobName": job_name, "state": "RUNNING",
                      "startTime": str(now_millis() - 600_000), "updateTime": str(now_millis()),
                      "checkpointInfo": {"lastPeriodicCheckpointTimestamp": 0},
                      "savepointInfo": {"lastPeriodicSavepointTimestamp": 0, "savepointHistory": []}},
    }


def replicaset_for(deployment):
    """The ReplicaSet the Deployment controller would make for the current template."""
    ns, name = deployment["metadata"]["namespace"], deployment["metadata"]["name"]
    template_hash = pod_template_hash(ns, name)
    template = json.loads(json.dumps(deployment["spec"]["template"]))
    template["metadata"].setdefault("labels", {})["pod-template-hash"] = template_hash
    selector = json.loads(json.dumps(deployment["spec"]["selector"]))
    selector.setdefault("matchLabels", {})["pod-template-hash"] = template_hash
    replicas = deployment["spec"].get("replicas", 1)
    return {
        "apiVersion": "apps/v1", "kind": "ReplicaSet",
        "metadata": {"name": replicaset_name(ns, name), "namespace": ns, "labels": template["metadata"]["labels"],
                     "annotations": {"deployment.kubernetes.io/revision": "1",
                                     "deployment.kubernetes.io/desired-replicas": str(replicas)},
                     "ownerReferences": [owner(deployment)]},
        "spec": {"replicas": replicas, "selector": selector, "template": template},
    }


def replica_pods(replicaset, deployment_name, node_names):
    ns = replicaset["metadata"]["namespace"]
    template = replicaset["spec"]["template"]
    pods = []
    for i in range(replicaset["spec"]["replicas"]):
        spec = json.loads(json.dumps(template["spec"]))
        spec["nodeName"] = node_names[i % len(node_names)]
        pods.append({"apiVersion": "v1", "kind": "Pod",
                     "metadata": {"name": replica_pod_name(ns, deployment_name, i), "namespace": ns,
                                  "labels": dict(template["metadata"]["labels"]),
                                  "ownerReferences": [owner(replicaset)]},
                     "spec": spec})
    return pods


def workload_status(replicas):
    return {"replicas": replicas, "readyReplicas": replicas, "availableReplicas": replicas,
            "fullyLabeledReplicas": replicas, "observedGeneration": 1}


def deployment_status(replicas):
    return {"replicas": replicas, "readyReplicas": replicas, "availableReplicas": replicas,
            "updatedReplicas": replicas, "observedGeneration": 1,
            "conditions": [{"type": "Available", "status": "True", "reason": "MinimumReplicasAvailable",
                            "message": "Deployment has minimum availability.",
                            "lastUpdateTime": now_rfc3339(), "lastTransitionTime": now_rfc3339()},
                           {"type": "Progressing", "status": "True", "reason": "NewReplicaSetAvailable",
                            "message": "ReplicaSet has successfully progressed.",
                            "lastUpdateTime": now_rfc3339(), "lastTransitionTime": now_rfc3339()}]}


