/* turnos-id.c: record ids from the system's random source
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-core"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/random.h>
#include <unistd.h>

#include "turnos-id.h"

/* Fills @buf from /dev/urandom, for kernels without getrandom(2). */
static gboolean
read_urandom (guint8 *buf,
              gsize   len)
{
  int fd = open ("/dev/urandom", O_RDONLY | O_CLOEXEC);
  gsize got = 0;

  if (fd < 0)
    return FALSE;
  while (got < len)
    {
      gssize n = read (fd, buf + got, len - got);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      got += n;
    }
  close (fd);
  return got == len;
}

static void
random_bytes (guint8 *buf,
              gsize   len)
{
  gsize got = 0;

  while (got < len)
    {
      gssize n = getrandom (buf + got, len - got, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        break;
      got += n;
    }
  if (got < len && !read_urandom (buf, len))
    g_error ("no random source: neither getrandom(2) nor /dev/urandom works");
}

char *
turnos_id_new (void)
{
  guint8 b[16];

  random_bytes (b, sizeof b);
  b[6] = (b[6] & 0x0f) | 0x40;  /* version 4 */
  b[8] = (b[8] & 0x3f) | 0x80;  /* RFC 4122 variant */
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
                          b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}
