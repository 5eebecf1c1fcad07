package sqlite

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"
)

// A database file serves one process that writes it on its own terms: the
// server keeps indexes and learned models in memory and assumes no other
// server writes beside it. ServerLock is that claim, an OS lock on a file
// beside the database (flock on Unix, LockFileEx on Windows). The OS drops
// it when the process ends, however it ends, so a killed server leaves no
// stale lock; the file's content only describes the holder.

// Holder describes the process holding a database: what the lock file says.
type Holder struct {
	PID       int       `json:"pid"`
	Command   string    `json:"command"` // "serve" or "migrate"
	StartedAt time.Time `json:"started_at"`
	Addr      string    `json:"addr,omitempty"` // where a server listens, once it does
}

// InUseError is returned by LockServer when another process holds the
// database. Holder is the zero value when the holder's description could
// not be read (it had not written it yet).
type InUseError struct {
	Path   string // the database file
	Holder Holder
}

func (e *InUseError) Error() string {
	h := e.Holder
	if h.PID == 0 {
		return fmt.Sprintf("database %s is in use by another fathom process", e.Path)
	}
	msg := fmt.Sprintf("database %s is in use by fathom %s (pid %d, started %s", e.Path, h.Command, h.PID,
		h.StartedAt.Local().Format(time.RFC3339))
	if h.Addr != "" {
		msg += ", listening on " + h.Addr
	}
	return msg + ")"
}

// ServerLock is a held claim on a database file.
type ServerLock struct {
	f      *os.File
	holder Holder
}

// LockPath is the lock file of the database file dbPath.
func LockPath(dbPath string) string { return dbPath + ".lock" }

// LockServer claims the database file dbPath for the calling process,
// described by h, or returns an *InUseError naming the process that holds
// it. It never waits.
func LockServer(dbPath string, h Holder) (*ServerLock, error) {
	path := LockPath(dbPath)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open lock file: %w", err)
	}
	if err := lockFile(f); err != nil {
		defer f.Close()
		if !errors.Is(err, errLocked) {
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		inUse := &InUseError{Path: dbPath}
		// The holder writes its description just after locking: an
		// empty or partial file means it is starting, and says nothing.
		if b, err := io.ReadAll(f); err == nil {
			_ = json.Unmarshal(b, &inUse.Holder)
		}
		return nil, inUse
	}
	l := &ServerLock{f: f, holder: h}
	if err := l.write(); err != nil {
		l.Release()
		return nil, err
	}
	return l, nil
}

// SetAddr records the address the holder listens on.
func (l *ServerLock) SetAddr(addr string) error {
	l.holder.Addr = addr
	return l.write()
}

func (l *ServerLock) write() error {
	b, err := json.Marshal(l.holder)
	if err != nil {
		return err
	}
	if err := l.f.Truncate(0); err != nil {
		return fmt.Errorf("write lock file: %w", err)
	}
	if _, err := l.f.WriteAt(append(b, '\n'), 0); err != nil {
		return fmt.Errorf("write lock file: %w", err)
	}
	return nil
}

// Release gives the database up. The file stays: removing it would let a
// process that opened it just before lock an unlinked file while a third
// locks a new one.
func (l *ServerLock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := errors.Join(unlockFile(l.f), l.f.Close())
	l.f = nil
	return err
}

var errLocked = errors.New("locked by another process")
