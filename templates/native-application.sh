# description: Flink native Kubernetes application cluster: Flink's own client creates it (the command is shown, never run)
# key name: my-native-app — kubernetes.cluster-id
# key namespace: default — kubernetes.namespace
# key image: my-registry/my-job:1.20 — kubernetes.container.image.ref: flink:1.20 with the job's jar
# key jarURI: local:///opt/flink/usrlib/my-job.jar — the job's jar, inside the image
# key entryClass: — the main class ("": the jar's manifest names it)
# key args list: — program arguments, comma-separated
# key parallelism: 2 — parallelism.default
# key slots: 2 — task slots per TaskManager
# key savepointDir: — state.savepoints.dir ("": none)
# key serviceAccount: flink — kubernetes.service-account
./bin/flink run-application --target kubernetes-application
  -Dkubernetes.cluster-id=${name}
  -Dkubernetes.namespace=${namespace}
  -Dkubernetes.container.image.ref=${image}
  -Dkubernetes.service-account=${serviceAccount}
  -Dparallelism.default=${parallelism}
  -Dtaskmanager.numberOfTaskSlots=${slots}
  -Dstate.savepoints.dir=${savepointDir}
  --class ${entryClass}
  ${jarURI}
  ${args}
