// `d` describe, as `kubectl describe` reads: who the object is, what it asked for, what the
// operator (or the kubelet) says about it, its conditions, and the Kubernetes Events about it,
// newest first. Plain functions from Store objects to lines; every outside string is made one
// safe line on the way.
#pragma once

#include <chrono>
#include <vector>

#include "core/kube/objects/all.hpp"
#include "core/model/store.hpp"
#include "tui/widgets/text_pager.hpp"

namespace flinktop::tui {

using SystemTime = std::chrono::system_clock::time_point;

// The Events whose involvedObject is this object (by uid, else kind + namespace + name), newest first.
std::vector<const kube::Event*> events_about(const model::ContextSnapshot& snapshot, const std::string& kind,
                                             const kube::ObjectMeta& meta);

std::vector<PagerLine> describe(const kube::FlinkDeployment& fd, const std::vector<const kube::Event*>& events,
                                SystemTime now);
std::vector<PagerLine> describe(const kube::FlinkSessionJob& job, const std::vector<const kube::Event*>& events,
                                SystemTime now);
std::vector<PagerLine> describe(const kube::Pod& pod, const std::vector<const kube::Event*>& events, SystemTime now);

}  // namespace flinktop::tui
