// proc-pump: reads a set of /proc files on a steady clock and hands the readings to Thermograph in
// batches. A Node.js process pays about as much CPU to wake for a 10 Hz timer as `top` pays for its
// whole cycle; this loop wakes, preads and sleeps for a quarter of that, and Node.js wakes once a
// batch to parse what it read. It decides nothing: which files, and what a reading means, stay in
// the engine (src-main/sessions/reading-pump.ts).
//
// Usage: proc-pump INTERVAL_MS BATCH_MS [CHANGE_MS]
// With CHANGE_MS (alert rules watch the readings), a tick whose files read differently from the
// tick before is handed over as soon as CHANGE_MS have passed since the last batch, instead of
// waiting for BATCH_MS: an alert can only change on a changed reading, and a steady target still
// costs one wakeup a batch.
// stdin, one command a line:  open ID PATH   (PATH is /proc/PID/NAME, NAME one of stat, io, statm)
//                             close ID
//                             flush          (write what is buffered now; an empty batch says "drained")
//                             change MS      (CHANGE_MS from now on; a negative MS turns it off)
// stdout, little-endian records, each [u32 byte length of the rest][u32 kind] then:
//   kind 1, a tick:  [f64 CLOCK_REALTIME ms][f64 CLOCK_MONOTONIC ms][u32 files]
//                    per file [u32 ID][i32 byte count, or -errno][bytes, padded to 4]
//   kind 2, flushed: nothing more; every tick taken before the flush command precedes it.
// It exits when stdin closes or its parent dies, so it never outlives the engine; SIGINT and
// SIGTERM, sent to the engine's whole process group, are left to the engine (it closes stdin).
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

enum { maximumFiles = 4096, readLimit = 64 * 1024, kindTick = 1, kindFlushed = 2 };

struct file {
  uint32_t id;
  int fd; // >= 0 open; < 0 the -errno its open failed with
  uint64_t digest; // of the last reading (FNV-1a of its bytes and count), to see a change
};

static struct file files[maximumFiles];
static int fileCount;
static double changePeriod = -1;
static unsigned char *batch;
static size_t batchLength, batchCapacity;
static unsigned char readBuffer[readLimit];

static void reserve(size_t more) {
  if (batchLength + more <= batchCapacity) return;
  size_t capacity = batchCapacity ? batchCapacity : 64 * 1024;
  while (capacity < batchLength + more) capacity *= 2;
  unsigned char *grown = realloc(batch, capacity);
  if (!grown) exit(3);
  batch = grown;
  batchCapacity = capacity;
}

static void append(const void *bytes, size_t length) {
  reserve(length);
  memcpy(batch + batchLength, bytes, length);
  batchLength += length;
}

static void appendU32(uint32_t value) { append(&value, 4); }

static void writeBatch(void) {
  size_t written = 0;
  while (written < batchLength) {
    ssize_t result = write(STDOUT_FILENO, batch + written, batchLength - written);
    if (result < 0 && errno == EINTR) continue;
    if (result <= 0) exit(0); // the engine is gone
    written += (size_t)result;
  }
  batchLength = 0;
}

static double milliseconds(clockid_t clock) {
  struct timespec now;
  clock_gettime(clock, &now);
  return (double)now.tv_sec * 1000.0 + (double)now.tv_nsec / 1e6;
}

static uint64_t digestOf(const unsigned char *bytes, int32_t count) {
  uint64_t hash = 1469598103934665603ULL ^ (uint32_t)count;
  for (int32_t index = 0; index < count; index++) hash = (hash ^ bytes[index]) * 1099511628211ULL;
  return hash;
}

// Takes one reading of every file into the batch; returns whether any read differently from the last tick.
static int tick(void) {
  int changed = 0;
  size_t start = batchLength;
  appendU32(0); // length, filled in below
  appendU32(kindTick);
  double realtime = milliseconds(CLOCK_REALTIME), monotonic = milliseconds(CLOCK_MONOTONIC);
  append(&realtime, 8);
  append(&monotonic, 8);
  appendU32((uint32_t)fileCount);
  for (int index = 0; index < fileCount; index++) {
    int32_t count;
    if (files[index].fd < 0) {
      count = files[index].fd;
    } else {
      ssize_t result = pread(files[index].fd, readBuffer, readLimit, 0);
      count = result < 0 ? -errno : (int32_t)result;
    }
    uint64_t digest = digestOf(readBuffer, count > 0 ? count : 0) ^ (uint64_t)(uint32_t)count;
    if (digest != files[index].digest) changed = 1;
    files[index].digest = digest;
    appendU32(files[index].id);
    append(&count, 4);
    if (count > 0) {
      static const unsigned char zeros[4];
      append(readBuffer, (size_t)count);
      append(zeros, (4 - (size_t)count % 4) % 4);
    }
  }
  uint32_t length = (uint32_t)(batchLength - start - 4);
  memcpy(batch + start, &length, 4);
  return changed;
}

// Only the per-process files the engine samples: the pump never reads anything else.
static int allowed(const char *path) {
  unsigned pid;
  char name[16];
  int consumed = 0;
  if (sscanf(path, "/proc/%u/%15[a-z_]%n", &pid, name, &consumed) != 2 || path[consumed] != '\0') return 0;
  return !strcmp(name, "stat") || !strcmp(name, "io") || !strcmp(name, "statm");
}

static void command(char *line) {
  unsigned id;
  char path[4096];
  double period;
  if (sscanf(line, "change %lf", &period) == 1) {
    changePeriod = period;
  } else if (sscanf(line, "open %u %4095s", &id, path) == 2) {
    if (fileCount == maximumFiles || !allowed(path)) return;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    files[fileCount++] = (struct file){ .id = id, .fd = fd < 0 ? -errno : fd, .digest = 0 };
  } else if (sscanf(line, "close %u", &id) == 1) {
    for (int index = 0; index < fileCount; index++) {
      if (files[index].id != id) continue;
      if (files[index].fd >= 0) close(files[index].fd);
      files[index] = files[--fileCount];
      break;
    }
  } else if (strncmp(line, "flush", 5) == 0) {
    appendU32(4);
    appendU32(kindFlushed);
    writeBatch();
  }
}

// Reads what stdin has and runs every complete line; exits at end of file.
static void readCommands(void) {
  static char pending[64 * 1024];
  static size_t pendingLength;
  ssize_t result = read(STDIN_FILENO, pending + pendingLength, sizeof pending - 1 - pendingLength);
  if (result < 0 && (errno == EINTR || errno == EAGAIN)) return;
  if (result <= 0) exit(0);
  pendingLength += (size_t)result;
  char *line = pending, *end;
  while ((end = memchr(line, '\n', pendingLength - (size_t)(line - pending)))) {
    *end = '\0';
    command(line);
    line = end + 1;
  }
  pendingLength -= (size_t)(line - pending);
  memmove(pending, line, pendingLength);
  if (pendingLength == sizeof pending - 1) pendingLength = 0; // a line too long to be a command
}

int main(int argc, char **argv) {
  if (argc != 3 && argc != 4) {
    fprintf(stderr, "usage: proc-pump INTERVAL_MS BATCH_MS [CHANGE_MS]\n");
    return 2;
  }
  double interval = atof(argv[1]), batchPeriod = atof(argv[2]);
  if (argc == 4) changePeriod = atof(argv[3]);
  if (!(interval >= 1 && interval <= 3600000) || !(batchPeriod >= 0) || (argc == 4 && !(changePeriod >= 0))) {
    fprintf(stderr, "proc-pump: INTERVAL_MS must be 1..3600000, BATCH_MS and CHANGE_MS at least 0\n");
    return 2;
  }
  int changePending = 0;
  // A parent that died before this line is seen as the end of stdin below. (Not as a parent PID of
  // 1: the engine itself is PID 1 as a container's entry point.)
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  signal(SIGPIPE, SIG_IGN);
  // Ctrl-C in a terminal, and `timeout`, signal the whole process group: the engine stops on them
  // and drains the readings of the last second from here, so they must not end the pump first.
  signal(SIGINT, SIG_IGN);
  signal(SIGTERM, SIG_IGN);
  double next = milliseconds(CLOCK_MONOTONIC) + interval, lastWrite = next - interval;
  for (;;) {
    double wait = next - milliseconds(CLOCK_MONOTONIC);
    struct pollfd input = { .fd = STDIN_FILENO, .events = POLLIN };
    int ready = poll(&input, 1, wait > 0 ? (int)(wait + 0.999) : 0);
    if (ready > 0) {
      readCommands();
      continue;
    }
    if (ready < 0 && errno != EINTR) return 1;
    if (milliseconds(CLOCK_MONOTONIC) < next) continue;
    changePending |= tick();
    // A tick taken late (the machine was busy or suspended) keeps the rhythm but skips the ticks
    // that would follow it within half an interval: a rate over a few milliseconds is noise.
    double now = milliseconds(CLOCK_MONOTONIC);
    do next += interval;
    while (next - now < interval / 2);
    // Half an interval of slack: ticks come a hair early or late, and a change waits for a whole tick.
    int changeDue = changePeriod >= 0 && changePending && now - lastWrite >= changePeriod - interval / 2;
    if (now - lastWrite >= batchPeriod || changeDue) {
      writeBatch();
      lastWrite = now;
      changePending = 0;
    }
  }
}
