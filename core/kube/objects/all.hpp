// Every typed Kubernetes object view, for code that handles several kinds (the Store, sync workers).
#pragma once

#include "core/kube/objects/deployment.hpp"
#include "core/kube/objects/event.hpp"
#include "core/kube/objects/flink_deployment.hpp"
#include "core/kube/objects/flink_job.hpp"
#include "core/kube/objects/flink_session_job.hpp"
#include "core/kube/objects/flink_state_snapshot.hpp"
#include "core/kube/objects/json_fields.hpp"
#include "core/kube/objects/namespace.hpp"
#include "core/kube/objects/object_meta.hpp"
#include "core/kube/objects/pod.hpp"
#include "core/kube/objects/service.hpp"
