#!/usr/bin/env python3
"""Fills the test control plane of tests/env/kube.sh with Flink clusters (see flink_objects.py for
their shapes), plays the part of the controllers that do not run (ReplicaSets, pods, status
subresources), and waits until kwok has made every pod Running.

  seed.py --server URL --ca F --cert F --key F seed --flink-version V [--pods N] [--timeout S]
  seed.py names            the standalone cluster's pod names (JSON), for kwok's configuration
  seed.py cri-log PATH     a short Flink-like container log in CRI format (every other pod's log)
"""

import argparse
import concurrent.futures
import json
import sys
import threading
import time
from datetime import datetime, timezone

from flink_objects import (NATIVE_ID, NATIVE_NS, OPERATOR_FLINK_VERSION, OPERATOR_NS, PODS_PER_NODE,
                           SCALE_CLUSTERS_PER_NAMESPACE, SCALE_TMS_PER_CLUSTER, STANDALONE_DEPLOYMENTS,
                           STANDALONE_NS, deployment_status, flink_deployment, flink_deployment_status,
                           namespace, native_cluster, node, owner, replica_pods, replicaset_for, session_job,
                           session_job_status, standalone_names, taskmanager_pod, workload_status)
from k8s_api import Api, ApiError

class Seeder:
    def __init__(self, api, flink_version, threads=4):
        self.api = api
        self.flink_version = flink_version
        self.image = f"flink:{flink_version}"
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=threads)
        self.worker = threading.local()
        self.nodes = []

    def create_all(self, objects):
        """Creates the objects concurrently (one by one on a pool thread already); returns them
        as the API server answered."""
        if getattr(self.worker, "busy", False):
            return [self.api.create(o) for o in objects]
        return list(self.pool.map(self.api.create, objects))

    def on_pool(self, fn, items):
        """fn(item) for each item, concurrently on the pool."""
        def run(item):
            self.worker.busy = True
            return fn(item)
        return list(self.pool.map(run, items))

    def deployment_with_pods(self, deployment, extra_tms=0, tm_cluster_id=None, image=None):
        """Creates the Deployment, the ReplicaSet and pods its controller would, and (native) the
        TaskManager pods Flink's ResourceManager asks for; sets their status subresources."""
        created = self.api.create(deployment) if "uid" not in deployment["metadata"] else deployment
        rs = self.api.create(replicaset_for(created))
        pods = replica_pods(rs, created["metadata"]["name"], self.nodes)
        ns = created["metadata"]["namespace"]
        pods += [taskmanager_pod(ns, tm_cluster_id, i + 1, image or self.image, created, self.nodes[i % len(self.nodes)])
                 for i in range(extra_tms)]
        self.create_all(pods)
        replicas = rs["spec"]["replicas"]
        self.api.patch_status(rs, workload_status(replicas))
        self.api.patch_status(created, deployment_status(replicas))
        return created

    def native(self, ns, cluster_id, taskmanagers, mode, owner_object=None, image=None):
        deployment, others = native_cluster(ns, cluster_id, image or self.image, mode)
        if owner_object is not None:
            # The operator owns what it deploys: deleting the FlinkDeployment deletes the cluster.
            deployment["metadata"]["ownerReferences"] = [owner(owner_object)]
            deployment["metadata"]["annotations"] = {
                "flinkdeployment.flink.apache.org/generation": str(owner_object["metadata"].get("generation", 1))}
        created = self.api.create(deployment)
        for o in others:
            o["metadata"]["ownerReferences"] = [owner(created)]
        self.create_all(others)
        self.deployment_with_pods(created, extra_tms=taskmanagers, tm_cluster_id=cluster_id, image=image)

    def wait_crds_established(self, timeout=60):
        """Until the operator's CRDs (created with kubectl just before) are served."""
        deadline = time.monotonic() + timeout
        for plural in ("flinkdeployments", "flinksessionjobs", "flinkstatesnapshots"):
            path = f"/apis/apiextensions.k8s.io/v1/customresourcedefinitions/{plural}.flink.apache.org"
            while True:
                conditions = self.api.call("GET", path).get("status", {}).get("conditions") or []
                if any(c.get("type") == "Established" and c.get("status") == "True" for c in conditions):
                    break
                if time.monotonic() > deadline:
                    raise SystemExit(f"seed.py: CRD {plural}.flink.apache.org not established after {timeout}s")
                time.sleep(0.2)

    def seed(self, scale_pods):
        self.wait_crds_established()
        node_count = 1 + scale_pods // PODS_PER_NODE
        self.nodes = [f"kwok-node-{i}" for i in range(node_count)]
        self.create_all([node(n) for n in self.nodes])
        self.create_all([namespace(n) for n in (OPERATOR_NS, NATIVE_NS)])

        # The standalone cluster of the seed: its objects exist (kubectl create); add the pods.
        for name in STANDALONE_DEPLOYMENTS:
            d = self.api.call("GET", f"/apis/apps/v1/namespaces/{STANDALONE_NS}/deployments/{name}")
            self.deployment_with_pods(d)

        # Native: a session cluster started with kubernetes-session.sh.
        self.native(NATIVE_NS, NATIVE_ID, 2, "session")

        # Operator: an application deployment and a session deployment with a session job.
        jar = (f"https://repo.maven.apache.org/maven2/org/apache/flink/flink-examples-streaming/"
               f"{OPERATOR_FLINK_VERSION}/flink-examples-streaming-{OPERATOR_FLINK_VERSION}-TopSpeedWindowing.jar")
        version, image = OPERATOR_FLINK_VERSION, f"flink:{OPERATOR_FLINK_VERSION}"
        app = self.api.create(flink_deployment(OPERATOR_NS, "orders", version, image, job={
            "jarURI": "local:///opt/flink/examples/streaming/TopSpeedWindowing.jar",
            "parallelism": 2, "upgradeMode": "savepoint", "state": "running"}))
        session = self.api.create(flink_deployment(OPERATOR_NS, "sessions", version, image))
        sjob = self.api.create(session_job(OPERATOR_NS, "sessions-topspeed", "sessions", jar))
        self.native(OPERATOR_NS, "orders", 2, "application", owner_object=app, image=image)
        self.native(OPERATOR_NS, "sessions", 1, "session", owner_object=session, image=image)
        self.api.patch_status(app, flink_deployment_status(app, version, "CarTopSpeedWindowingExample"))
        self.api.patch_status(session, flink_deployment_status(session, version))
        self.api.patch_status(sjob, session_job_status(sjob, "CarTopSpeedWindowingExample"))

        if scale_pods > 0:
            self.scale(scale_pods)

    def scale(self, total):
        """`total` TaskManager pods in native clusters of SCALE_TMS_PER_CLUSTER, ten clusters a
        namespace."""
        clusters = []
        left, index = total, 0
        while left > 0:
            tms = min(SCALE_TMS_PER_CLUSTER, left)
            ns = f"scale-{index // SCALE_CLUSTERS_PER_NAMESPACE:03d}"
            clusters.append((ns, f"scale-{index:04d}", tms))
            left -= tms
            index += 1
        self.create_all([namespace(n) for n in sorted({c[0] for c in clusters})])
        # Clusters concurrently, each cluster's objects one after another.
        self.on_pool(lambda c: self.native(c[0], c[1], c[2], "session"), clusters)

    def wait_running(self, timeout):
        """Until kwok has made every pod Running and Ready."""
        deadline = time.monotonic() + timeout
        pending = None
        while time.monotonic() < deadline:
            pods = self.api.list("/api/v1/pods")
            pending = [f"{p['metadata']['namespace']}/{p['metadata']['name']}" for p in pods
                       if p.get("status", {}).get("phase") != "Running"
                       or not any(c.get("type") == "Ready" and c.get("status") == "True"
                                  for c in p.get("status", {}).get("conditions", []))]
            if not pending:
                return len(pods)
            time.sleep(0.3)
        raise SystemExit(f"seed.py: {len(pending)} pods not Running after {timeout}s (kwok): "
                         + ", ".join(pending[:5]))


def cri_log(path):
    """A few lines of a TaskManager's log in the CRI format kwok serves (`TIME STREAM TAG LINE`)."""
    stamp = datetime.now(timezone.utc)
    lines = [
        "INFO  org.apache.flink.runtime.taskexecutor.TaskManagerRunner [] - Starting TaskManager.",
        "INFO  org.apache.flink.runtime.taskexecutor.TaskExecutor [] - Connecting to ResourceManager.",
        "INFO  org.apache.flink.runtime.taskexecutor.TaskExecutor [] - Successful registration at resource manager.",
    ]
    with open(path, "w", encoding="utf-8") as f:
        for line in lines:
            f.write(f"{stamp.strftime('%Y-%m-%dT%H:%M:%S.%f')}000Z stdout F {line}\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server")
    parser.add_argument("--ca")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("seed")
    s.add_argument("--flink-version", required=True)
    s.add_argument("--pods", type=int, default=0)
    s.add_argument("--timeout", type=float, default=120)
    sub.add_parser("names")
    c = sub.add_parser("cri-log")
    c.add_argument("path")
    args = parser.parse_args()

    if args.command == "names":
        print(json.dumps(standalone_names()))
        return
    if args.command == "cri-log":
        cri_log(args.path)
        return
    if not (args.server and args.ca and args.cert and args.key):
        raise SystemExit("seed.py: seed needs --server, --ca, --cert and --key")
    api = Api(args.server, args.ca, args.cert, args.key)
    seeder = Seeder(api, args.flink_version)
    t0 = time.monotonic()
    try:
        seeder.seed(args.pods)
        count = seeder.wait_running(args.timeout)
    except ApiError as e:
        raise SystemExit(f"seed.py: {e}")
    print(f"seed.py: {count} pods Running in {time.monotonic() - t0:.1f}s", file=sys.stderr)


if __name__ == "__main__":
    main()
