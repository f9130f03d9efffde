#!/usr/bin/env python3
"""The Kubernetes API as tests/env/kube/seed.py uses it: standard library only (http.client with
the admin client certificate), one keep-alive connection per thread, errors in the API server's
words."""

import http.client
import json
import ssl
import threading


class ApiError(Exception):
    def __init__(self, status, method, path, body):
        try:
            message = json.loads(body).get("message", body)
        except ValueError:
            message = body
        super().__init__(f"{method} {path}: HTTP {status}: {message}")
        self.status = status


class Api:
    """One keep-alive connection per thread to the API server, as the admin."""

    def __init__(self, server, ca, cert, key):
        if not server.startswith("https://"):
            raise SystemExit(f"seed.py: --server must be https://HOST:PORT, got {server!r}")
        host, _, port = server[len("https://"):].partition(":")
        self.host, self.port = host, int(port or 443)
        self.context = ssl.create_default_context(cafile=ca)
        self.context.load_cert_chain(cert, key)
        self.local = threading.local()

    def _connection(self):
        conn = getattr(self.local, "conn", None)
        if conn is None:
            conn = http.client.HTTPSConnection(self.host, self.port, context=self.context, timeout=60)
            self.local.conn = conn
        return conn

    def call(self, method, path, body=None, content_type="application/json"):
        data = None if body is None else json.dumps(body).encode()
        headers = {"Accept": "application/json"}
        if data is not None:
            headers["Content-Type"] = content_type
        for attempt in range(2):
            conn = self._connection()
            try:
                conn.request(method, path, body=data, headers=headers)
                response = conn.getresponse()
                text = response.read().decode()
                break
            except (http.client.HTTPException, OSError):
                conn.close()
                self.local.conn = None
                if attempt == 1:
                    raise
        if response.status >= 300:
            raise ApiError(response.status, method, path, text)
        return json.loads(text) if text else {}

    def create(self, obj):
        return self.call("POST", collection_path(obj), obj)

    def patch_status(self, obj, status):
        return self.call("PATCH", object_path(obj) + "/status", {"status": status},
                         "application/merge-patch+json")

    def list(self, path):
        return self.call("GET", path).get("items", [])


PLURALS = {
    "Namespace": ("/api/v1", "namespaces", False),
    "Node": ("/api/v1", "nodes", False),
    "ConfigMap": ("/api/v1", "configmaps", True),
    "Service": ("/api/v1", "services", True),
    "Pod": ("/api/v1", "pods", True),
    "Deployment": ("/apis/apps/v1", "deployments", True),
    "ReplicaSet": ("/apis/apps/v1", "replicasets", True),
    "FlinkDeployment": ("/apis/flink.apache.org/v1beta1", "flinkdeployments", True),
    "FlinkSessionJob": ("/apis/flink.apache.org/v1beta1", "flinksessionjobs", True),
}


def collection_path(obj):
    prefix, plural, namespaced = PLURALS[obj["kind"]]
    if namespaced:
        return f"{prefix}/namespaces/{obj['metadata']['namespace']}/{plural}"
    return f"{prefix}/{plural}"


def object_path(obj):
    return f"{collection_path(obj)}/{obj['metadata']['name']}"




