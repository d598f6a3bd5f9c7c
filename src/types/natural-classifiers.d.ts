// natural's classifiers/index loads every classifier (MaxEnt included, about 30 MB); we load the two we use.
declare module 'natural/lib/natural/classifiers/bayes_classifier.js' {
  import type { BayesClassifier } from 'natural/lib/natural/classifiers/index.js';
  const Bayes: typeof BayesClassifier;
  export default Bayes;
}
declare module 'natural/lib/natural/classifiers/logistic_regression_classifier.js' {
  import type { LogisticRegressionClassifier } from 'natural/lib/natural/classifiers/index.js';
  const Logistic: typeof LogisticRegressionClassifier;
  export default Logistic;
}
declare module 'natural/lib/natural/util/stopwords.js' {
  export const words: string[];
}
