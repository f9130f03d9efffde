/* Preloaded (LD_PRELOAD) into the JVMs of the test env's Flink 1.13/1.14 only: turns a bind to the
 * wildcard address into a bind to loopback. Those versions start their metric query service
 * (an actor system per JobManager and TaskManager, on a random port) without a bind address and
 * have no option to give one, so it would listen on every interface; every server the tests start
 * must listen on 127.0.0.1 alone. Flink announces 127.0.0.1 for it anyway (taskmanager.host,
 * jobmanager.rpc.address), so nothing that worked stops working. Built by tests/env/flink.sh. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dlfcn.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

typedef int (*bind_fn)(int, const struct sockaddr *, socklen_t);

int bind(int fd, const struct sockaddr *addr, socklen_t len) {
  static bind_fn real_bind;
  if (!real_bind) real_bind = (bind_fn)dlsym(RTLD_NEXT, "bind");
  if (addr && addr->sa_family == AF_INET && len >= (socklen_t)sizeof(struct sockaddr_in)) {
    struct sockaddr_in v4;
    memcpy(&v4, addr, sizeof v4);
    if (v4.sin_addr.s_addr == htonl(INADDR_ANY)) {
      v4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      return real_bind(fd, (const struct sockaddr *)&v4, sizeof v4);
    }
  } else if (addr && addr->sa_family == AF_INET6 && len >= (socklen_t)sizeof(struct sockaddr_in6)) {
    struct sockaddr_in6 v6;
    memcpy(&v6, addr, sizeof v6);
    if (IN6_IS_ADDR_UNSPECIFIED(&v6.sin6_addr)) {
      /* A dual-stack JVM socket: ::ffff:127.0.0.1, the IPv4 loopback the peers are told to dial. */
      inet_pton(AF_INET6, "::ffff:127.0.0.1", &v6.sin6_addr);
      return real_bind(fd, (const struct sockaddr *)&v6, sizeof v6);
    }
  }
  return real_bind(fd, addr, len);
}
