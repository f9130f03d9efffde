// A bearer token read from a file (kubeconfig tokenFile, the in-cluster service account token),
// re-read whenever the file changes: projected service account tokens are rotated in place.
#pragma once

#include <memory>
#include <string>

#include "core/kube/credentials.hpp"

namespace flinktop::kube {

// `description` is what describe() returns (it must not contain the token). The file is read
// on the first authorization() call; a file that cannot be read then is an Error(Config). A
// later failure keeps the last good token (as client-go does), so a rotation in progress does not
// fail requests.
std::shared_ptr<Credentials> make_token_file(std::string path, std::string description);

}  // namespace flinktop::kube
