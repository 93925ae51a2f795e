/**
 * The demo behind {@code --demo}: an embedded docstore with generated orders and customers, indexes on their fields,
 * and a paced background workload of reads, writes and queries, so the console has something live to show.
 */
package dev.docstore.console.demo;
