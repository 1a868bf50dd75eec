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
// costs one wakeup a batch. A condition (alert rules on a value the pump reads, such as RSS) is
// narrower: the tick at which it turns true or false is handed over at once, whatever else changed,
// so a busy target whose readings change at every tick still costs one wakeup a batch.
// stdin, one command a line:  open ID PATH   (PATH is /proc/PID/NAME, NAME one of stat, io, statm)
//                             close ID
//                             flush          (write what is buffered now; an empty batch says "drained")
//                             change MS      (CHANGE_MS from now on; a negative MS turns it off)
//                             condition PATH TOKEN SCALE OP THRESHOLD
//                                            (token TOKEN of PATH's reading, counted from 0 after the
//                                            last ')' for stat, times SCALE, compared by OP (> >= < <=)
//                                            with THRESHOLD; a tick where it turns is handed over)
//                             conditions clear
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

enum { maximumFiles = 4096, maximumConditions = 64, pathLimit = 64, readLimit = 64 * 1024, kindTick = 1, kindFlushed = 2 };

struct file {
  uint32_t id;
  char path[pathLimit];
  int fd; // >= 0 open; < 0 the -errno its open failed with
  uint64_t digest; // of the last reading (FNV-1a of its bytes and count), to see a change
};

static struct file files[maximumFiles];
static int fileCount;

// What an alert rule needs to know at once: whether one value crossed its threshold. The engine
// computes the value the same way (value × scale, compared the same way), so both agree on the tick.
struct condition {
  char path[pathLimit];
  unsigned token;
  double scale, threshold;
  char comparison[3];
  int holds; // 1 or 0 at the last reading; -1 before the first (or after one that failed)
};

static struct condition conditions[maximumConditions];
static int conditionCount;
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

// Token `token` of a reading as a number, counted from the start, or from after the last ')' for
// stat (its command name may hold spaces and parentheses); 0 when it is not there.
static int tokenValue(const unsigned char *bytes, int32_t count, const char *path, unsigned token, double *value) {
  int32_t position = 0;
  size_t pathLength = strlen(path);
  if (pathLength >= 5 && !strcmp(path + pathLength - 5, "/stat")) {
    const unsigned char *close = NULL;
    for (int32_t index = 0; index < count; index++)
      if (bytes[index] == ')') close = bytes + index;
    if (!close) return 0;
    position = (int32_t)(close - bytes) + 1;
  }
  for (unsigned index = 0;; index++) {
    while (position < count && (bytes[position] == ' ' || bytes[position] == '\n')) position++;
    if (position >= count) return 0;
    int32_t start = position;
    while (position < count && bytes[position] != ' ' && bytes[position] != '\n') position++;
    if (index < token) continue;
    char text[32];
    int32_t length = position - start < 31 ? position - start : 31;
    memcpy(text, bytes + start, (size_t)length);
    text[length] = '\0';
    char *end;
    *value = strtod(text, &end);
    return end != text;
  }
}

static int compare(double value, const char *comparison, double threshold) {
  if (!strcmp(comparison, ">")) return value > threshold;
  if (!strcmp(comparison, ">=")) return value >= threshold;
  if (!strcmp(comparison, "<")) return value < threshold;
  return value <= threshold;
}

// Evaluates the conditions on `path`'s reading; returns whether one turned (or holds at its first reading).
static int conditionsTurned(const char *path, const unsigned char *bytes, int32_t count) {
  int turned = 0;
  for (int index = 0; index < conditionCount; index++) {
    struct condition *condition = &conditions[index];
    if (strcmp(condition->path, path)) continue;
    double value;
    if (count <= 0 || !tokenValue(bytes, count, path, condition->token, &value)) {
      condition->holds = -1;
      continue;
    }
    int holds = compare(value * condition->scale, condition->comparison, condition->threshold);
    if (holds != condition->holds && (condition->holds != -1 || holds)) turned = 1;
    condition->holds = holds;
  }
  return turned;
}

// Takes one reading of every file into the batch; returns 1 when any read differently from the last
// tick, 2 when a condition turned.
static int tick(void) {
  int changed = 0, turned = 0;
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
    if (conditionCount > 0 && conditionsTurned(files[index].path, readBuffer, count)) turned = 1;
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
  return turned ? 2 : changed;
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
  unsigned id, token;
  char path[4096], comparison[3];
  double period, scale, threshold;
  if (sscanf(line, "change %lf", &period) == 1) {
    changePeriod = period;
  } else if (strncmp(line, "conditions clear", 16) == 0) {
    conditionCount = 0;
  } else if (sscanf(line, "condition %4095s %u %lf %2[<>=] %lf", path, &token, &scale, comparison, &threshold) == 5) {
    if (conditionCount == maximumConditions || strlen(path) >= pathLimit || !allowed(path)) return;
    if (strcmp(comparison, ">") && strcmp(comparison, ">=") && strcmp(comparison, "<") && strcmp(comparison, "<="))
      return;
    struct condition *condition = &conditions[conditionCount++];
    memcpy(condition->path, path, strlen(path) + 1);
    memcpy(condition->comparison, comparison, strlen(comparison) + 1);
    condition->token = token;
    condition->scale = scale;
    condition->threshold = threshold;
    condition->holds = -1;
  } else if (sscanf(line, "open %u %4095s", &id, path) == 2) {
    if (fileCount == maximumFiles || !allowed(path)) return;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    files[fileCount] = (struct file){ .id = id, .fd = fd < 0 ? -errno : fd, .digest = 0 };
    // A path too long for a condition to name is read all the same, under no name.
    size_t pathLength = strlen(path);
    if (pathLength < pathLimit) memcpy(files[fileCount].path, path, pathLength + 1);
    fileCount++;
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
  int changePending = 0, turnPending = 0;
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
    int read = tick();
    changePending |= read != 0;
    turnPending |= read == 2;
    // A tick taken late (the machine was busy or suspended) keeps the rhythm but skips the ticks
    // that would follow it within half an interval: a rate over a few milliseconds is noise.
    double now = milliseconds(CLOCK_MONOTONIC);
    do next += interval;
    while (next - now < interval / 2);
    // Half an interval of slack: ticks come a hair early or late, and a change waits for a whole tick.
    int changeDue = changePeriod >= 0 && changePending && now - lastWrite >= changePeriod - interval / 2;
    if (now - lastWrite >= batchPeriod || changeDue || turnPending) {
      writeBatch();
      lastWrite = now;
      changePending = 0;
      turnPending = 0;
    }
  }
}
