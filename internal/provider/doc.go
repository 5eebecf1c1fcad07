// Package provider turns text into embedding vectors, behind one Embedder
// interface with two implementations: Client, an OpenAI-compatible
// /v1/embeddings endpoint (Ollama, llama.cpp, vLLM, text-embeddings-
// inference, OpenAI itself), and Static, a static embedding model read from
// disk (Model2Vec's tokenizer.json and model.safetensors, or a GloVe or
// fastText .vec file) that runs in pure Go without any network.
//
// ChatClient speaks an OpenAI-compatible /v1/chat/completions endpoint
// with the same retry policy (retry.go); the summary package's Model uses
// it to write meeting summaries.
//
// It must not decide what is embedded or when, nor store vectors: the
// conversation service does. No request leaves the machine unless a Client or
// ChatClient was configured, and their API keys never appear in their logs
// or errors.
package provider
