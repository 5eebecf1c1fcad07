package storecopy

import (
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"modernc.org/sqlite" // the driver of the source
	sqlite3 "modernc.org/sqlite/lib"
)

// SourceFile is the database file of a sqlite: source: PATH itself, or
// PATH/fathom.db when PATH is a data directory.
func SourceFile(path string) (string, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return "", fmt.Errorf("source %s: %w", path, err)
	}
	if fi.IsDir() {
		path = filepath.Join(path, "fathom.db")
		if _, err := os.Stat(path); err != nil {
			return "", fmt.Errorf("source %s: %w", path, err)
		}
	}
	return path, nil
}

// ErrSourceInUse is returned by OpenSource when another process has the
// database open (a server).
var ErrSourceInUse = errors.New("the source database is open in another process")

// OpenSource opens an existing SQLite database to be read: never created,
// never written. Its one connection takes SQLite's exclusive lock and holds
// it until closed: a database a server has open is refused, and no server
// can open it while the copy runs, so the copy reads what stays the truth.
func OpenSource(file string) (*sql.DB, error) {
	if _, err := os.Stat(file); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("source %s does not exist", file)
		}
		return nil, fmt.Errorf("source %s: %w", file, err)
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(0)")
	q.Add("_pragma", "query_only(1)")
	// In WAL mode every connection holds a shared lock on the file while
	// open; an exclusive one is granted only when no other is open. (A
	// read-only open, mode=ro, cannot take it.)
	q.Add("_pragma", "locking_mode(EXCLUSIVE)")
	path := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(file)
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open source %s: %w", file, err)
	}
	// One connection, kept: it holds the lock, and the copy reads in one
	// transaction.
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	// The lock is taken by the first read.
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM sqlite_schema`).Scan(&n); err != nil {
		db.Close()
		var se *sqlite.Error
		if errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_BUSY {
			return nil, fmt.Errorf("%w: %s (stop the server using it first)", ErrSourceInUse, file)
		}
		return nil, fmt.Errorf("open source %s: %w", file, err)
	}
	return db, nil
}
