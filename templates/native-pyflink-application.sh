# description: PyFlink on a Flink native Kubernetes application cluster: Flink's own client creates it (the command is shown, never run)
# key name: my-native-pyflink — kubernetes.cluster-id
# key namespace: default — kubernetes.namespace
# key image: my-registry/pyflink:1.20 — kubernetes.container.image.ref: flink:1.20 with Python and PyFlink
# key py: /opt/flink/usrlib/main.py — the Python file to run, inside the image (-py)
# key pym: — or a Python module to run (-pym), with -pyfs naming where it is
# key parallelism: 1 — parallelism.default
# key serviceAccount: flink — kubernetes.service-account
./bin/flink run-application --target kubernetes-application
  -Dkubernetes.cluster-id=${name}
  -Dkubernetes.namespace=${namespace}
  -Dkubernetes.container.image.ref=${image}
  -Dkubernetes.service-account=${serviceAccount}
  -Dparallelism.default=${parallelism}
  -pyclientexec /usr/local/bin/python3
  -py ${py}
  -pym ${pym}
