package storecopy

import (
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	_ "modernc.org/sqlite" // the driver of the source
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

// OpenSource opens an existing SQLite database to be read: never created,
// never written.
func OpenSource(file string) (*sql.DB, error) {
	if _, err := os.Stat(file); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("source %s does not exist", file)
		}
		return nil, fmt.Errorf("source %s: %w", file, err)
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "query_only(1)")
	q.Set("mode", "ro")
	path := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(file)
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open source %s: %w", file, err)
	}
	// One connection: the copy reads in one transaction.
	db.SetMaxOpenConns(1)
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, fmt.Errorf("open source %s: %w", file, err)
	}
	return db, nil
}
