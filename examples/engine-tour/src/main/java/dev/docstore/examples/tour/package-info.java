/** A runnable tour of the engine, used as the README's "run it" command until the console's demo exists. */
package dev.docstore.examples.tour;
