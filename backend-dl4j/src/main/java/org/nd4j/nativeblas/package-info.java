/**
 * One class under ND4J's old package name, so that DL4J 1.0.0-M2.1 finds its oneDNN layer helpers by reflection
 * ({@link org.nd4j.nativeblas.Nd4jCpu} says why); nothing else of the suite lives here.
 */
package org.nd4j.nativeblas;
