/**
 * natural's Bayes and logistic-regression classifiers, loaded without their side effect on the process: sylvester,
 * their matrix library, assigns `Math.sign = x => (x < 0 ? -1 : 1)` when it loads, so Math.sign(0) became 1 for
 * every library in the server (comparators, TypeScript's parser in the lint tests). The import of
 * native-math-sign.js runs first (ESM evaluates imports in order) and keeps the runtime's; it is put back here.
 * The classifiers we use never reach sylvester's one caller of it (a Householder step in its QR decomposition).
 */
import { NATIVE_MATH_SIGN } from './native-math-sign.js';
import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier.js';
import LogisticRegressionClassifier from 'natural/lib/natural/classifiers/logistic_regression_classifier.js';

Math.sign = NATIVE_MATH_SIGN;

export { BayesClassifier, LogisticRegressionClassifier };
