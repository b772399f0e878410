/**
 * Earth-observation products as configuration: a {@link org.emulens.io.products.ProductSpec} names the
 * value, its uncertainty components with their error correlation, the quality flag and its rule, and
 * the physical bounds; {@link org.emulens.io.products.ProductSpecs} holds the built-in ones (ESA CCI
 * soil moisture, LST and land cover, MODIS MCD43C3) and the generic CF one.
 */
package org.emulens.io.products;
