/* par-store-locks.c — SQLite's file locks held as open-file-description (OFD) locks.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Why. SQLite's unix VFS locks the database and its -shm with POSIX record locks, which
 * belong to the *process*: closing *any* descriptor the process has on the file drops them
 * all ("How To Corrupt An SQLite Database File", §2.2). GTK 4.8's file chooser sniffs the
 * content type of every file it lists, so merely showing the database's folder opens and
 * closes the file in the app's process and silently drops the app's locks. A `sqlite3` read
 * from a terminal then believes it is the last connection, checkpoints, and deletes the live
 * -wal; the app goes on committing into the deleted file and every later edit is lost at the
 * next crash. Measured in a scratch program (notes/reliab.md): 2 of 3 commits lost with POSIX
 * locks, also with `locking_mode=EXCLUSIVE` or `SQLITE_FCNTL_PERSIST_WAL` (the outside
 * process deletes the -wal by its own rules); none lost with OFD locks.
 *
 * How. OFD locks (Linux ≥ 3.15) belong to an open file description instead, so another
 * descriptor's close() leaves them alone, and they conflict with the POSIX locks of other
 * processes, so a plain `sqlite3` still sees them. The unix VFS lets a program replace its
 * system calls (sqlite3_vfs.xSetSystemCall), so `fcntl` and `close` are wrapped:
 *
 *  - A lock request on descriptor D goes to one descriptor of our own per inode (opened
 *    through /proc/self/fd/D), never to D. SQLite shares one lock state per inode among the
 *    connections of a process (unixInodeInfo) and asks the kernel once, on whichever
 *    connection's descriptor comes first: with one OFD per descriptor, two connections of the
 *    process would conflict with each other (measured: the last close can no longer take its
 *    EXCLUSIVE lock and never removes the -wal). One OFD per inode gives exactly the POSIX
 *    semantics between our own connections.
 *  - SQLite itself relies on close() releasing locks (the -shm is unlocked by closing it), and
 *    only closes a descriptor of a locked inode when the process holds no lock on it. So when
 *    *SQLite* closes a descriptor, the inode's OFD is closed too — POSIX semantics again, but
 *    only for SQLite's own descriptors; a close() anywhere else in the process does nothing
 *    to the locks.
 *
 * Where the kernel refuses OFD locks (EINVAL: not Linux, or too old), the wrappers fall back
 * to the plain calls, i.e. to SQLite's default behaviour.
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "Parscore-Store"

#ifndef _GNU_SOURCE
#define _GNU_SOURCE  /* F_OFD_SETLK */
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "par-store-private.h"

#ifdef F_OFD_SETLK

typedef struct {
  dev_t dev;
  ino_t ino;
} InodeKey;

static guint
inode_key_hash (gconstpointer key)
{
  const InodeKey *k = key;

  return (guint) k->ino ^ (guint) (k->ino >> 32) ^ (guint) k->dev;
}

static gboolean
inode_key_equal (gconstpointer a,
                 gconstpointer b)
{
  const InodeKey *ka = a, *kb = b;

  return ka->dev == kb->dev && ka->ino == kb->ino;
}

static int (*real_fcntl) (int, int, ...);
static int (*real_close) (int);
static GMutex lock_mutex;
static GHashTable *lock_fds;     /* InodeKey* → descriptor holding the inode's OFD locks */
/* SQLite's descriptor → the InodeKey fstat () gave at its first lock request, until SQLite
 * closes it (ofd_close ()): a read transaction locks and unlocks twice, and a re-score runs
 * a thousand of them, each without an fstat () (issue 11). SQLite closes its descriptors only
 * through ofd_close (), so a number is forgotten before it can be reused. */
static GHashTable *fd_keys;
static gboolean ofd_refused;     /* the kernel answered EINVAL: plain POSIX locks from then on */

/* Under lock_mutex: the descriptor whose open file description carries @fd's inode locks. */
static int
lock_fd_for (int        fd,
             InodeKey  *key)
{
  char proc_path[64];
  gpointer value;
  int own;

  if (g_hash_table_lookup_extended (lock_fds, key, NULL, &value))
    return GPOINTER_TO_INT (value);

  /* A description of our own, writable whenever the file is, whatever mode @fd has: a
   * read-only connection may come first and a read-write one next. */
  g_snprintf (proc_path, sizeof proc_path, "/proc/self/fd/%d", fd);
  own = open (proc_path, O_RDWR | O_CLOEXEC | O_NOCTTY);
  if (own < 0)
    own = open (proc_path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (own < 0)
    own = real_fcntl (fd, F_DUPFD_CLOEXEC, 0);
  if (own < 0)
    return -1;
  g_hash_table_insert (lock_fds, g_memdup2 (key, sizeof *key), GINT_TO_POINTER (own));
  return own;
}

static int
ofd_fcntl (int fd,
           int cmd,
           ...)
{
  struct flock *lock;
  struct flock copy;
  InodeKey key = { 0, };
  const InodeKey *known;
  struct stat st;
  va_list args;
  int ofd_cmd, own, rc, saved_errno;

  va_start (args, cmd);
  if (cmd != F_SETLK && cmd != F_SETLKW && cmd != F_GETLK)
    {
      /* Read as glibc's own fcntl() reads it: one pointer-sized argument. */
      void *arg = va_arg (args, void *);

      va_end (args);
      return real_fcntl (fd, cmd, arg);
    }
  lock = va_arg (args, struct flock *);
  va_end (args);

  if (g_atomic_int_get (&ofd_refused))
    return real_fcntl (fd, cmd, lock);

  g_mutex_lock (&lock_mutex);
  known = g_hash_table_lookup (fd_keys, GINT_TO_POINTER (fd));
  if (known != NULL)
    key = *known;
  else if (fstat (fd, &st) == 0)
    {
      key.dev = st.st_dev;
      key.ino = st.st_ino;
      g_hash_table_insert (fd_keys, GINT_TO_POINTER (fd), g_memdup2 (&key, sizeof key));
    }
  else
    {
      g_mutex_unlock (&lock_mutex);
      return real_fcntl (fd, cmd, lock);
    }
  ofd_cmd = cmd == F_SETLK ? F_OFD_SETLK : cmd == F_SETLKW ? F_OFD_SETLKW : F_OFD_GETLK;

  copy = *lock;
  copy.l_pid = 0;  /* required by the OFD commands */

  own = lock_fd_for (fd, &key);
  if (own < 0)
    {
      saved_errno = errno;
      g_mutex_unlock (&lock_mutex);
      errno = saved_errno;
      return -1;
    }
  /* SQLite never blocks here (no SQLITE_ENABLE_SETLK_TIMEOUT in its unix builds), so holding
   * the mutex across the call costs nothing. */
  rc = real_fcntl (own, ofd_cmd, &copy);
  saved_errno = errno;
  g_mutex_unlock (&lock_mutex);

  if (rc != 0 && saved_errno == EINVAL)
    {
      g_debug ("The kernel refuses open file description locks: using POSIX locks");
      g_atomic_int_set (&ofd_refused, TRUE);
      return real_fcntl (fd, cmd, lock);
    }
  if (rc == 0 && cmd == F_GETLK)
    *lock = copy;
  errno = saved_errno;
  return rc;
}

/* SQLite closing one of its descriptors releases the inode's locks, as under POSIX. */
static int
ofd_close (int fd)
{
  struct stat st;

  g_mutex_lock (&lock_mutex);
  g_hash_table_remove (fd_keys, GINT_TO_POINTER (fd));
  if (fstat (fd, &st) == 0)
    {
      InodeKey key = { st.st_dev, st.st_ino };
      gpointer value;

      if (g_hash_table_lookup_extended (lock_fds, &key, NULL, &value))
        {
          real_close (GPOINTER_TO_INT (value));
          g_hash_table_remove (lock_fds, &key);
        }
    }
  g_mutex_unlock (&lock_mutex);
  return real_close (fd);
}

static gpointer
install_once (gpointer data)
{
  sqlite3_vfs *vfs;

  if (sqlite3_initialize () != SQLITE_OK)
    return GINT_TO_POINTER (FALSE);
  vfs = sqlite3_vfs_find ("unix");
  if (vfs == NULL || vfs->iVersion < 3 || vfs->xSetSystemCall == NULL)
    return GINT_TO_POINTER (FALSE);

  real_fcntl = (int (*) (int, int, ...)) vfs->xGetSystemCall (vfs, "fcntl");
  real_close = (int (*) (int)) vfs->xGetSystemCall (vfs, "close");
  if (real_fcntl == NULL || real_close == NULL)
    return GINT_TO_POINTER (FALSE);
  lock_fds = g_hash_table_new_full (inode_key_hash, inode_key_equal, g_free, NULL);
  fd_keys = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  /* The system-call table is shared by every unix VFS ("unix", "unix-excl"…). It must be
   * changed before any database is open: this runs before the store's first open. */
  if (vfs->xSetSystemCall (vfs, "fcntl", (sqlite3_syscall_ptr) ofd_fcntl) != SQLITE_OK ||
      vfs->xSetSystemCall (vfs, "close", (sqlite3_syscall_ptr) ofd_close) != SQLITE_OK)
    {
      vfs->xSetSystemCall (vfs, "fcntl", NULL);
      vfs->xSetSystemCall (vfs, "close", NULL);
      return GINT_TO_POINTER (FALSE);
    }
  return GINT_TO_POINTER (TRUE);
}

#endif /* F_OFD_SETLK */

/**
 * par_store_locks_init:
 *
 * Makes SQLite hold its locks as open file description locks, once per process, before the
 * first database is opened (see the top of this file for why).
 *
 * Returns: whether OFD locks are in use (%FALSE where the platform has none).
 */
gboolean
par_store_locks_init (void)
{
#ifdef F_OFD_SETLK
  static GOnce once = G_ONCE_INIT;

  g_once (&once, install_once, NULL);
  return GPOINTER_TO_INT (once.retval) && !g_atomic_int_get (&ofd_refused);
#else
  return FALSE;
#endif
}
