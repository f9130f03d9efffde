# description: Flink native Kubernetes session cluster: Flink's own client creates it (the command is shown, never run)
# key name: my-native-session — kubernetes.cluster-id
# key namespace: default — kubernetes.namespace
# key image: flink:1.20 — kubernetes.container.image.ref
# key slots: 2 — task slots per TaskManager
# key jobManagerMemory: 1600m — jobmanager.memory.process.size
# key taskManagerMemory: 1728m — taskmanager.memory.process.size
# key restServiceType: ClusterIP — kubernetes.rest-service.exposed.type (ClusterIP, NodePort, LoadBalancer)
# key serviceAccount: flink — kubernetes.service-account
./bin/kubernetes-session.sh
  -Dkubernetes.cluster-id=${name}
  -Dkubernetes.namespace=${namespace}
  -Dkubernetes.container.image.ref=${image}
  -Dkubernetes.service-account=${serviceAccount}
  -Dkubernetes.rest-service.exposed.type=${restServiceType}
  -Dtaskmanager.numberOfTaskSlots=${slots}
  -Djobmanager.memory.process.size=${jobManagerMemory}
  -Dtaskmanager.memory.process.size=${taskManagerMemory}
