/** Quick-look PNG maps for {@code --plot}, drawn headless with java.awt. */
package org.emulens.io.plot;
