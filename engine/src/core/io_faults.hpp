// A test seam for fault injection in atomic writes: the file operations of
// AtomicWriter and write_file_atomic go through these wrappers, which make
// the Nth operation from now fail with EIO when a test asks for it. In
// normal runs nothing is armed and each wrapper is one relaxed atomic load
// before the system call. Tests include this header; nothing else should.
#pragma once

#include <fcntl.h>
#include <sys/types.h>
#include <cstdint>
#include <cstdio>
#include <string>

namespace assay::io_faults {

/// Makes the `n`th file operation of atomic writes from now on fail with
/// EIO (1: the very next one; 0: none), and counts operations from zero.
void fail_at(uint64_t n);

/// File operations counted since the last fail_at.
uint64_t operations();

/// Counts one operation; true (with errno set to EIO) when it must fail.
bool fail_now();

/// mkstemps(3), counted.
int make_temp(std::string& pattern, int suffix_length);
/// open(2) for writing, counted.
int open_for_write(const char* path, int flags, mode_t mode);
/// write(2), counted.
ssize_t write(int fd, const void* data, size_t size);
/// fsync(2), counted.
int fsync(int fd);
/// close(2), counted; the descriptor is closed even when it "fails".
int close(int fd);
/// rename(2), counted.
int rename(const char* from, const char* to);

/// Makes every background sync (see background_sync) fail with EIO while
/// `on`. Not counted with the operations above: those syncs run on their
/// own thread, at moments that depend on the disk.
void fail_background_syncs(bool on);
/// fdatasync(2) as AtomicWriter's background syncer calls it.
int background_sync(int fd);

}  // namespace assay::io_faults
